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
    public void The_example_of_the_format_reference_loads_without_a_diagnostic()
    {
        var doc = File.ReadAllText(RepoFiles.Path("docs", "dag-format.md")).ReplaceLineEndings("\n");
        var block = doc.Split("```yaml\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]).Single(b => b.StartsWith("id:", StringComparison.Ordinal));
        Load.Valid(block);
    }

    [Fact]
    public void The_messages_the_format_reference_shows_are_ones_the_fixtures_produce()
    {
        var doc = File.ReadAllText(RepoFiles.Path("docs", "dag-format.md")).ReplaceLineEndings("\n");
        var shown = doc[(doc.IndexOf("## Errors", StringComparison.Ordinal))..].Split("```")[1].Trim().Split('\n');
        var produced = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Loading", "Fixtures", "invalid"), "*.errors")
            .SelectMany(File.ReadAllLines).ToHashSet();
        Assert.NotEmpty(shown);
        Assert.All(shown, line => Assert.Contains(line, produced));
    }

    [Fact]
    public void Windows_line_endings_give_the_same_places()
    {
        var text = "id: x\nnodes:\n  a: { type: noop, needs: b }\n  c: { type: noop, if: \"${{ nodes.a.status }}\" }\n";
        Assert.Equal(Load.Errors(text), Load.Errors(text.ReplaceLineEndings("\r\n")));
        Assert.Equal(2, Load.Errors(text).Length);
    }
}
