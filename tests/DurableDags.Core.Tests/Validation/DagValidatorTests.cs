using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Operators;
using DurableDags.Core.Tests.Loading;
using DurableDags.Core.Validation;

namespace DurableDags.Core.Tests.Validation;

public class DagValidatorTests
{
    private static NodeDefinition Node(string id, string type = "noop", params string[] needs) =>
        new() { Id = id, Type = type, Needs = [.. needs] };

    [Fact]
    public void A_dag_built_in_code_is_validated_with_messages_naming_its_source()
    {
        var dag = new DagDefinition
        {
            Id = "Built In",
            SourceFile = "<code>",
            Nodes = [Node("a"), Node("b", "noop", "a", "zz")],
        };

        Assert.Equal(
        [
            "<code>: DAG id 'Built In' must be 1 to 63 characters of a-z, 0-9, '_' and '-', starting with a letter or digit",
            "<code>: node 'b' needs 'zz', which does not exist",
        ], DagValidator.Validate(dag, OperatorCatalog.BuiltIn).Select(d => d.ToString()));
    }

    [Fact]
    public void A_valid_dag_built_in_code_has_no_diagnostics()
    {
        var dag = new DagDefinition { Id = "ok", Nodes = [Node("a"), Node("b", "noop", "a")] };
        Assert.Empty(DagValidator.Validate(dag, OperatorCatalog.BuiltIn));
    }

    [Fact]
    public void Schedules_and_time_zones_are_checked_where_written()
    {
        Assert.Equal(
        [
            "test.yaml:2:11: schedule '0 0 25 * * *' is not valid: " + ScheduleError("0 0 25 * * *"),
            "test.yaml:3:11: time zone 'America/Bogot' is not a known IANA time zone; write one such as 'UTC', 'Europe/Berlin' or 'America/Bogota'",
        ], Load.Errors("id: x\nschedule: 0 0 25 * * *\ntimezone: America/Bogot\nnodes:\n  a: { type: noop }\n"));
    }

    [Theory]
    [InlineData("0 0 6 * * *")]
    [InlineData("30 6 * * 1-5")]
    [InlineData("@daily")]
    public void The_schedule_forms_of_the_spec_are_accepted(string schedule)
    {
        Load.Valid($"id: x\nschedule: \"{schedule}\"\ntimezone: Europe/Berlin\nnodes:\n  a: {{ type: noop }}\n");
    }

    [Theory]
    [InlineData("maxActiveRuns: 0", "test.yaml:2:16: 'maxActiveRuns' must be between 1 and 1000, got 0")]
    [InlineData("maxParallelNodes: 5000", "test.yaml:2:19: 'maxParallelNodes' must be between 1 and 1000, got 5000")]
    [InlineData("maxParallelNodes: 1.5", "test.yaml:2:19: 'maxParallelNodes' must be a whole number, got the number 1.5")]
    public void Limits_must_be_within_their_ranges(string line, string error)
    {
        Assert.Equal([error], Load.Errors($"id: x\n{line}\nnodes:\n  a: {{ type: noop }}\n"));
    }

    [Fact]
    public void Node_ids_must_have_the_form_expressions_can_read()
    {
        Assert.Equal(["test.yaml:3:3: node id '2nd step' must be 1 to 63 characters of A-Z, a-z, 0-9, '_' and '-', starting with a letter or '_'"],
            Load.Errors("id: x\nnodes:\n  2nd step: { type: noop }\n"));
    }

    [Fact]
    public void An_unknown_type_lists_the_operators_when_nothing_is_close()
    {
        Assert.Equal(["test.yaml:3:14: node 'a' has unknown type 'spark'; operators are http, http-job, sensor, wait, approval, dag, notify, noop"],
            Load.Errors("id: x\nnodes:\n  a: { type: spark }\n"));
    }

    [Fact]
    public void Settings_errors_are_placed_at_the_setting_or_at_with()
    {
        Assert.Equal(
        [
            "test.yaml:5:11: 'with' of node 'a' (http) needs 'url'",
            "test.yaml:5:21: 'with.method' of node 'a' cannot be 'get'; did you mean 'GET'?",
            "test.yaml:6:6: 'with' of node 'b' (wait) needs one of 'duration' or 'until'",
        ], Load.Errors("""
            id: x
            nodes:
              a:
                type: http
                with: { method: get }
              b: { type: wait }
            """));
    }

    [Fact]
    public void An_approval_may_not_wait_for_an_event_the_engine_reserves()
    {
        Assert.Equal(
        [
            "test.yaml:4:39: 'with.event' of node 'b' is 'DD.cancel', but event names starting with 'dd.' are reserved for the engine; choose another name",
        ], Load.Errors("""
            id: x
            nodes:
              a: { type: approval, with: { event: d.d.ok } }
              b: { type: approval, with: { event: DD.cancel } }
            """));
    }

    [Fact]
    public void Params_check_defaults_against_their_type_and_enum()
    {
        Assert.Equal(
        [
            "test.yaml:3:3: param name 'dry run' must be 1 to 63 characters of A-Z, a-z, 0-9, '_' and '-', starting with a letter or '_', so expressions can read it as params.NAME",
            "test.yaml:4:37: the default of param 'minCost' must be a number, got the string 'x'",
            "test.yaml:5:36: the default of param 'count' must be a whole number, got the number 2.5",
            "test.yaml:6:36: 'enum' of param 'level' lists the number 3, which is not of its type string",
            "test.yaml:6:49: the default of param 'level' is the string 'c', which its 'enum' does not list",
            "test.yaml:7:31: 'enum' of param 'mode' must be a list of the allowed values, got an empty list",
            "test.yaml:8:16: 'type' of param 'bad' cannot be 'strin'; did you mean 'string'?",
            "test.yaml:9:3: param 'none' has no 'type'; add one of: string, number, integer, boolean, object, array",
        ], Load.Errors("""
            id: x
            params:
              dry run: { type: boolean, default: false }
              minCost: { type: number, default: "x" }
              count: { type: integer, default: 2.5 }
              level: { type: string, enum: [a, 3], default: c }
              mode: { type: string, enum: [] }
              bad: { type: strin, default: 5 }
              none: { default: 1 }
              date: { type: string, default: "${{ run.logicalDate }}" }
              items: { type: array, default: [1, 2] }
              options: { type: object, default: { a: 1 } }
              maybe: { type: integer, default: null }
            nodes:
              a: { type: noop }
            """));
    }

    [Fact]
    public void A_param_default_that_is_an_expression_is_not_type_checked()
    {
        var dag = Load.Valid("id: x\nparams:\n  n: { type: integer, default: \"${{ length('abc') }}\" }\nnodes:\n  a: { type: noop }\n");
        Assert.Equal(JsonValueKind.String, dag.Params[0].Default!.Value.ValueKind);
    }

    private static string ScheduleError(string expression)
    {
        Assert.False(DurableDags.Core.Scheduling.Schedule.TryParse(expression, "UTC", out _, out var error));
        return error;
    }
}
