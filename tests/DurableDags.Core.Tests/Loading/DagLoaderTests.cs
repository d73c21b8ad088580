using System.Text.Json;
using DurableDags.Core.Definitions;

namespace DurableDags.Core.Tests.Loading;

public class DagLoaderTests
{
    [Fact]
    public void The_example_of_the_spec_loads_without_a_diagnostic()
    {
        var dag = Load.Valid(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Loading", "Fixtures", "valid-carrier-costs.yaml")));

        Assert.Equal("carrier-costs", dag.Id);
        Assert.Equal("0 0 6 * * *", dag.Schedule);
        Assert.Equal("America/Bogota", dag.TimeZone);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), dag.Start);
        Assert.False(dag.Catchup);
        Assert.Equal((1, 16), (dag.MaxActiveRuns, dag.MaxParallelNodes));
        Assert.Equal(["carriers", "cost", "train", "approve", "report"], dag.Nodes.Select(n => n.Id));
        Assert.Equal<string>(["cost", "approve"], dag.FindNode("report")!.Needs);
        Assert.Equal(TriggerRule.AllDone, dag.FindNode("report")!.Trigger);
        Assert.Equal("${{ nodes.carriers.output.body.carriers }}", dag.FindNode("cost")!.Foreach);
        Assert.Equal("GET", dag.FindNode("carriers")!.With.GetProperty("method").GetString());
    }

    [Fact]
    public void Defaults_are_merged_into_each_nodes_policy_and_a_node_overrides_them()
    {
        var dag = Load.Valid("""
            id: merge
            defaults: { retries: 2, retryDelay: 30s, retryBackoff: exponential, maxRetryDelay: 10m, timeout: 15m }
            nodes:
              a: { type: noop }
              b: { type: noop, retries: 0, timeout: 6h }
            """);

        var a = dag.FindNode("a")!.Policy;
        Assert.Equal(2, a.Retries);
        Assert.Equal(TimeSpan.FromSeconds(30), a.RetryDelay);
        Assert.Equal(RetryBackoff.Exponential, a.Backoff);
        Assert.Equal(TimeSpan.FromMinutes(10), a.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromMinutes(15), a.Timeout);
        var b = dag.FindNode("b")!.Policy;
        Assert.Equal((0, TimeSpan.FromHours(6)), (b.Retries, b.Timeout));
        Assert.Equal(RetryBackoff.Exponential, b.Backoff);
        Assert.Equal(dag.Defaults, a);
    }

    [Fact]
    public void Without_defaults_nodes_get_the_documented_policy()
    {
        var policy = Load.Valid("id: p\nnodes:\n  a: { type: noop }\n").FindNode("a")!.Policy;
        Assert.Equal(NodePolicy.Default, policy);
        Assert.Equal((0, TimeSpan.FromSeconds(30), RetryBackoff.Fixed, TimeSpan.FromDays(1), (TimeSpan?)null),
            (policy.Retries, policy.RetryDelay, policy.Backoff, policy.MaxRetryDelay, policy.Timeout));
    }

    [Fact]
    public void Needs_may_be_one_id_or_a_list()
    {
        var dag = Load.Valid("id: n\nnodes:\n  a: { type: noop }\n  b: { type: noop, needs: a }\n  c: { type: noop, needs: [a, b] }\n");
        Assert.Equal<string>(["a"], dag.FindNode("b")!.Needs);
        Assert.Equal<string>(["a", "b"], dag.FindNode("c")!.Needs);
    }

    [Fact]
    public void Params_keep_their_type_default_and_allowed_values()
    {
        var dag = Load.Valid("""
            id: params
            params:
              region: { type: string, default: eu, enum: [eu, us], description: Where to run }
              limit: { type: integer }
              date: { type: string, default: "${{ run.logicalDate }}" }
            nodes:
              a: { type: noop }
            """);

        var region = dag.Params[0];
        Assert.Equal(("region", ParamType.String, "eu", "Where to run"), (region.Name, region.Type, region.Default!.Value.GetString(), region.Description));
        Assert.Equal(["eu", "us"], region.Enum.Select(e => e.GetString()));
        Assert.True(dag.Params[1].IsRequired);
        Assert.Equal(ParamType.Integer, dag.Params[1].Type);
        Assert.Equal((4, 3), (dag.Params[1].Location.Line, dag.Params[1].Location.Column));
    }

    [Theory]
    [InlineData("2026-03-01T06:00:00Z", "UTC", "2026-03-01T06:00:00+00:00")]
    [InlineData("2026-03-01T06:00:00+02:00", "UTC", "2026-03-01T06:00:00+02:00")]
    [InlineData("2026-03-01", "America/Bogota", "2026-03-01T00:00:00-05:00")]
    [InlineData("2026-07-01T06:30", "Europe/Berlin", "2026-07-01T06:30:00+02:00")]
    public void A_start_without_offset_is_read_in_the_dags_time_zone(string start, string zone, string expected)
    {
        var dag = Load.Valid($"id: s\ntimezone: {zone}\nstart: {start}\nnodes:\n  a: {{ type: noop }}\n");
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), dag.Start);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, dag.Start!.Value.Offset);
    }

    [Fact]
    public void Json_files_load_with_the_same_messages_and_places()
    {
        var text = """
            {
              "$schema": "../../schema/dag.schema.json",
              "id": "json-dag",
              "nodes": {
                "a": { "type": "noop" },
                "b": { "type": "noop", "needs": ["a", "c"], "retries": 1.0 }
              }
            }
            """;
        Assert.Equal(["test.yaml:6:43: node 'b' needs 'c', which does not exist"], Load.Errors(text));
        Assert.Equal(1, Load.Text(text).Dag!.FindNode("b")!.Policy.Retries);
    }

    [Fact]
    public void With_becomes_json_with_yaml_numbers_booleans_and_nulls_typed()
    {
        var dag = Load.Valid("""
            id: w
            nodes:
              a:
                type: http
                with:
                  url: https://x.example
                  body: { n: 12, f: 1.50, hex: 0x1F, yes: yes, t: true, none: ~, s: '12', list: [1, a] }
            """);
        Assert.Equal("""{"n":12,"f":1.50,"hex":31,"yes":"yes","t":true,"none":null,"s":"12","list":[1,"a"]}""",
            dag.FindNode("a")!.With.GetProperty("body").GetRawText());
    }

    [Fact]
    public void An_empty_file_is_not_usable()
    {
        var result = Load.Text("");
        Assert.Null(result.Dag);
        Assert.Equal(["test.yaml:1:1: the file is empty; a DAG needs at least 'id' and 'nodes'"], result.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void A_file_with_no_value_is_empty(string text)
    {
        var result = Load.Text(text);
        Assert.Null(result.Dag);
        Assert.EndsWith("the file is empty; a DAG needs at least 'id' and 'nodes'", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- a\n- b\n", "test.yaml:1:1: a DAG file must be a mapping of keys such as 'id' and 'nodes', got a list")]
    [InlineData("hello\n", "test.yaml:1:1: a DAG file must be a mapping of keys such as 'id' and 'nodes', got the string 'hello'")]
    public void A_root_that_is_not_a_mapping_is_not_usable(string text, string error)
    {
        var result = Load.Text(text);
        Assert.Null(result.Dag);
        Assert.Equal([error], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Missing_id_and_nodes_are_both_reported()
    {
        Assert.Equal(
        [
            "test.yaml:1:1: missing 'id'; a DAG needs at least 'id' and 'nodes'",
            "test.yaml:1:1: missing 'nodes'; a DAG needs at least 'id' and 'nodes'",
        ], Load.Errors("description: nothing else\n"));
    }

    [Fact]
    public void A_dag_with_errors_is_still_returned_so_every_error_can_be_shown()
    {
        var result = Load.Text("id: x\nnodes:\n  a: { type: noop, retries: many }\n");
        Assert.NotNull(result.Dag);
        Assert.False(result.IsValid);
        Assert.Equal(0, result.Dag.FindNode("a")!.Policy.Retries);
    }

    [Fact]
    public void One_pass_reports_every_error_in_file_order()
    {
        var errors = Load.Errors("""
            id: Carrier Costs
            shedule: "0 0 6 * * *"
            maxActiveRuns: 0
            catchup: yes
            defaults:
              retries: two
              retryDelay: 30
            nodes:
              carriers:
                type: htp
              cost:
                needs: [carrier, cost]
                trigger: all_succes
                type: http
                with:
                  metod: POST
                  url: "https://x.example/${{ params.dat }}"
              a: { type: noop, needs: c }
              b: { type: noop, needs: a }
              c: { type: noop, needs: b }
            """);
        Assert.Equal(
        [
            "test.yaml:1:5: DAG id 'Carrier Costs' must be 1 to 63 characters of a-z, 0-9, '_' and '-', starting with a letter or digit",
            "test.yaml:2:1: unknown key 'shedule'; did you mean 'schedule'?",
            "test.yaml:3:16: 'maxActiveRuns' must be between 1 and 1000, got 0",
            "test.yaml:4:10: 'catchup' must be true or false, got the string 'yes'",
            "test.yaml:6:12: 'retries' of defaults must be a whole number, got the string 'two'",
            "test.yaml:7:15: 'retryDelay' of defaults must be a duration such as 500ms, 30s, 10m, 2h, 1d or 1h30m, got the number 30; add a unit, e.g. 30s",
            "test.yaml:10:11: node 'carriers' has unknown type 'htp'; did you mean 'http'?",
            "test.yaml:12:13: node 'cost' needs 'carrier', which does not exist; did you mean 'carriers'?",
            "test.yaml:12:22: node 'cost' needs itself; a node cannot wait for its own end",
            "test.yaml:13:14: 'trigger' of node 'cost' cannot be 'all_succes'; did you mean 'all_success'?",
            "test.yaml:16:7: unknown setting 'metod' in 'with' of node 'cost' (http); did you mean 'method'?",
            "test.yaml:17:42: 'with.url' of node 'cost' reads params.dat, which does not exist; the DAG declares no params",
            "test.yaml:18:27: needs form a cycle: a -> b -> c -> a; a node on a cycle can never start",
        ], errors);
    }

    [Fact]
    public void Unknown_keys_with_no_close_match_list_what_is_allowed()
    {
        Assert.Equal(
            ["test.yaml:3:20: unknown key 'colour' in node 'a'; expected one of: retries, retryDelay, retryBackoff, maxRetryDelay, timeout, type, description, needs, with, trigger, if, foreach"],
            Load.Errors("id: x\nnodes:\n  a: { type: noop, colour: red }\n"));
    }

    [Fact]
    public void Wrong_types_name_the_field_and_what_was_expected()
    {
        Assert.Equal(
        [
            "test.yaml:2:9: 'params' must be a mapping of keys to values, got a list",
            "test.yaml:5:12: 'needs' of node 'a' must be a node id or a list of node ids, got a mapping",
            "test.yaml:6:11: 'with' of node 'a' must be a mapping of keys to values, got the string 'url'",
            "test.yaml:7:14: 'foreach' of node 'a' must be an expression giving a list, such as \"${{ params.customers }}\"; put a fixed list in a param's default",
            "test.yaml:8:14: 'timeout' of node 'a' must be longer than 0s",
        ], Load.Errors("""
            id: x
            params: [a]
            nodes:
              a:
                needs: { b: 1 }
                with: url
                foreach: [1, 2]
                timeout: 0s
                type: noop
            """));
    }

    [Fact]
    public void A_node_without_a_type_is_reported_once()
    {
        Assert.Equal(["test.yaml:3:3: node 'a' has no 'type'; add one, e.g. 'type: http' or 'type: noop'"],
            Load.Errors("id: x\nnodes:\n  a: { retries: 1 }\n"));
    }

    [Fact]
    public void An_empty_nodes_mapping_is_an_error()
    {
        Assert.Equal(["test.yaml:2:8: 'nodes' is empty; a DAG needs at least one node"], Load.Errors("id: x\nnodes: {}\n"));
    }

    [Fact]
    public void Anchors_and_aliases_share_settings_between_nodes()
    {
        var dag = Load.Valid("""
            id: aliases
            nodes:
              a:
                type: http
                with: &call { url: "https://x.example", headers: { Accept: application/json } }
              b:
                type: http
                needs: a
                with: *call
            """);
        Assert.Equal(dag.FindNode("a")!.With.GetRawText(), dag.FindNode("b")!.With.GetRawText());
    }

    [Fact]
    public void A_json_value_that_cannot_be_represented_is_an_error()
    {
        Assert.Equal(["test.yaml:3:60: the number .inf cannot be represented in JSON; quote it to pass it as a string"],
            Load.Errors("id: x\nnodes:\n  a: { type: http, with: { url: \"https://a.example\", body: .inf } }\n"));
    }

    [Fact]
    public void The_schema_key_is_allowed_for_editors_and_ignored()
    {
        Load.Valid("$schema: ../../schema/dag.schema.json\nid: x\nnodes:\n  a: { type: noop }\n");
    }

    [Fact]
    public void Large_integers_in_settings_keep_their_digits()
    {
        var dag = Load.Valid("id: x\nnodes:\n  a: { type: http, with: { url: \"https://a.example\", body: { big: 123456789012345678901234 } } }\n");
        Assert.Equal(JsonValueKind.Number, dag.FindNode("a")!.With.GetProperty("body").GetProperty("big").ValueKind);
        Assert.Equal("123456789012345678901234", dag.FindNode("a")!.With.GetProperty("body").GetProperty("big").GetRawText());
    }
}
