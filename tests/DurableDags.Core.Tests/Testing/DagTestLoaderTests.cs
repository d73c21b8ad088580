using DurableDags.Core.Loading;
using DurableDags.Core.Operators;
using DurableDags.Core.States;
using DurableDags.Core.Testing;

namespace DurableDags.Core.Tests.Testing;

public class DagTestLoaderTests
{
    private const string Valid = """
        secrets: { TOKEN: t }
        responses:
          - url: https://api.example.com/*
            body: { ok: true }
        tests:
          retries:
            params: { day: "2026-01-01" }
            responses:
              - node: fetch
                method: post
                failures: 2
                failure: { status: 500, body: down }
                replies:
                  - { status: 201, body: { id: 1 }, delay: 2s }
            events: { approve: { approved: true } }
            blobs: [exports/2026-01-01/a.csv]
            expect:
              run: succeeded
              nodes:
                fetch: { state: succeeded, attempts: 3, output: { id: 1 }, check: "${{ output.id == 1 }}" }
                approve.0: skipped
              requests:
                - { node: fetch, method: POST, body: { day: "2026-01-01" }, count: 3 }
        """;

    [Fact]
    public void A_valid_file_loads_with_its_routes_in_matching_order_and_every_expectation()
    {
        var result = DagTestLoader.Load("dags/etl.test.yaml", Valid);

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        var file = result.File!;
        Assert.Equal("etl.yaml", file.Dag);
        var test = Assert.Single(file.Tests);
        Assert.Equal("retries", test.Name);
        Assert.Equal("t", test.Secrets["TOKEN"]);
        Assert.Equal(["fetch", null], test.Responses.Select(r => r.Node));
        var route = test.Responses[0];
        Assert.Equal("POST", route.Method);
        Assert.Equal([500, 500, 201, 201], Enumerable.Range(0, 4).Select(i => route.ReplyTo(i).Status));
        Assert.Equal(TimeSpan.FromSeconds(2), route.ReplyTo(2).Delay);
        Assert.Equal("down", route.ReplyTo(0).Body!.Value.GetString());
        Assert.Equal("exports/2026-01-01/a.csv", Assert.Single(test.Blobs));
        Assert.Equal("approve", Assert.Single(test.Events).Node);
        Assert.Equal(RunState.Succeeded, test.Expect.Run);
        var fetch = test.Expect.Nodes[0];
        Assert.Equal((NodeState.Succeeded, 3), (fetch.State!.Value, fetch.Attempts!.Value));
        Assert.NotNull(fetch.Check);
        Assert.Equal(NodeState.Skipped, test.Expect.Nodes[1].State);
        Assert.Equal(3, Assert.Single(test.Expect.Requests).Count);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_with_its_line_and_column()
    {
        const string Broken = """
            tests:
              one:
                responses:
                  - url: https://x/*
                    statuss: 200
                    failures: -1
                expect:
                  run: succeded
                  nodes:
                    a: { state: done, check: "${{ output.id == }}" }
              two: {}
            """;

        var result = DagTestLoader.Load("x.test.yaml", Broken);

        Assert.Null(result.File is { } f && result.IsValid ? f : null);
        Assert.Equal(
            [
                "x.test.yaml:5:9: unknown key 'statuss' in response 1 of 'responses' of test 'one'; did you mean 'status'?",
                "x.test.yaml:6:19: 'failures' of response 1 of 'responses' of test 'one' must be a whole number from 0 to 10000, got -1",
                "x.test.yaml:8:12: 'run' of 'expect' of test 'one' cannot be 'succeded'; did you mean 'succeeded'?",
            ],
            result.Diagnostics.Take(3).Select(d => d.ToString()));
        Assert.Contains(result.Diagnostics, d => d.Location.Line == 10 && d.Message.Contains("'state' of node 'a' in test 'one' cannot be 'done'", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Location.Line == 10 && d.Message.Contains("'check' of node 'a' in test 'one' is not a valid expression", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.ToString().StartsWith("x.test.yaml:11:3: test 'two' has no 'expect'", StringComparison.Ordinal));
    }

    [Fact]
    public void Nodes_the_DAG_does_not_have_are_reported_with_a_hint()
    {
        var dag = DagLoader.Load("etl.yaml", """
            id: etl
            nodes:
              fetch: { type: noop }
              approve: { type: noop, needs: fetch }
            """, OperatorCatalog.BuiltIn).Dag!;
        var file = DagTestLoader.Load("etl.test.yaml", """
            tests:
              t:
                responses: [{ node: fetsh }]
                expect:
                  nodes: { approve.x: succeeded, fetch.2: succeeded }
            """).File!;

        Assert.Equal(
            [
                "etl.test.yaml:3:17: a response names node 'fetsh', which DAG 'etl' does not have; did you mean 'fetch'?",
                "etl.test.yaml:5:16: 'approve.x' in 'expect' of test 't' is neither a node id nor a map item such as node.0",
            ],
            DagTestChecks.Check(file, dag).Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("https://a/x/*", "https://a/x/1?q=2", true)]
    [InlineData("https://a/*/jobs", "https://a/b/c/jobs", true)]
    [InlineData("https://a/x", "https://a/x/1", false)]
    [InlineData("https://a/x.y", "https://a/xzy", false)]
    public void Url_patterns_match_star_as_any_characters_and_the_rest_literally(string pattern, string url, bool matches) =>
        Assert.Equal(matches, RequestMatch.Url(pattern, url));

    [Theory]
    [InlineData("dags/nightly.test.yaml", true)]
    [InlineData("dags/nightly.TEST.yml", true)]
    [InlineData("dags/nightly.yaml", false)]
    [InlineData("dags/test.yaml", false)]
    public void Test_files_are_told_from_DAG_files_by_name(string path, bool isTest) =>
        Assert.Equal(isTest, DagTestFile.IsTestFile(path));
}
