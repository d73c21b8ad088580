using System.Text.Json;
using DurableDags.Core.Definitions;

namespace DurableDags.Core.Tests.Loading;

public class DagReaderTests
{
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
    public void Missing_id_and_nodes_are_both_reported()
    {
        Assert.Equal(
        [
            "test.yaml:1:1: missing 'id'; a DAG needs at least 'id' and 'nodes'",
            "test.yaml:1:1: missing 'nodes'; a DAG needs at least 'id' and 'nodes'",
        ], Load.Errors("description: nothing else\n"));
    }

    [Fact]
    public void Unknown_keys_with_no_close_match_list_what_is_allowed()
    {
        Assert.Equal(
            ["test.yaml:3:20: unknown key 'colour' in node 'a'; expected one of: type, description, needs, with, trigger, if, foreach, alerts, deadline, retries, retryDelay, retryBackoff, maxRetryDelay, timeout"],
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
    public void Large_integers_in_settings_keep_their_digits()
    {
        var dag = Load.Valid("id: x\nnodes:\n  a: { type: http, with: { url: \"https://a.example\", body: { big: 123456789012345678901234 } } }\n");
        Assert.Equal(JsonValueKind.Number, dag.FindNode("a")!.With.GetProperty("body").GetProperty("big").ValueKind);
        Assert.Equal("123456789012345678901234", dag.FindNode("a")!.With.GetProperty("body").GetProperty("big").GetRawText());
    }
}
