using System.Xml.Linq;

namespace DurableDags.Cli.Tests.Testing;

/// <summary><c>dags test</c> end to end: real test files, the real engine, canned responses, virtual time.</summary>
public sealed class TestCommandTests : IDisposable
{
    private const string Dag = """
        id: orders
        params:
          day: { type: string, default: "2026-01-01" }
        defaults:
          retries: 3
          retryDelay: 10m
          retryBackoff: exponential
        nodes:
          extract:
            type: http
            with:
              method: POST
              url: https://etl.example.com/api/extract
              headers: { Authorization: "Bearer ${{ secrets.ETL_TOKEN }}" }
              body: { day: "${{ params.day }}" }
          load:
            needs: extract
            type: http
            with:
              method: PUT
              url: "https://warehouse.example.com/api/batches/${{ nodes.extract.output.body.batch }}"
              timeout: 30s
          approve:
            needs: load
            type: approval
            with: { event: ship, timeout: 1d }
        """;

    private readonly TempFolder _folder = new();

    public TestCommandTests() => _folder.Write("orders.yaml", Dag);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Retries_before_success_pass_on_the_virtual_clock_and_a_wrong_expectation_fails_naming_its_line()
    {
        var file = _folder.Write("orders.test.yaml", """
            secrets: { ETL_TOKEN: t0ken }
            responses:
              - url: https://warehouse.example.com/api/batches/*
                method: PUT
            tests:
              flaky-extract:
                params: { day: "2026-02-03" }
                responses:
                  - url: https://etl.example.com/api/extract
                    failures: 2
                    body: { batch: b-7 }
                events: { approve: { approved: true } }
                expect:
                  run: succeeded
                  nodes:
                    extract: { state: succeeded, attempts: 3, output: { status: 200, headers: { content-type: application/json; charset=utf-8 }, body: { batch: b-7 } } }
                    load: { check: "${{ output.status == 200 && attempts == 1 }}" }
                  requests:
                    - { node: extract, body: { day: "2026-02-03" }, count: 3 }
                    - { method: PUT, url: https://warehouse.example.com/api/batches/b-7, count: 1 }
              wrong:
                responses:
                  - url: https://etl.example.com/api/extract
                    body: { batch: b-8 }
                events: { approve: { approved: false, reason: no } }
                expect:
                  run: succeeded
                  nodes:
                    extract: { attempts: 2 }
            """);

        var result = await Dags.RunAsync("test", file);

        Assert.True(result.ExitCode == 1, result.Output);
        Assert.Equal(file, result.OutputLines[0]);
        // Two retries at 10m and 20m: half an hour of the run's time, no real waiting.
        Assert.True(result.OutputLines[1].StartsWith("  PASS flaky-extract (", StringComparison.Ordinal), result.Output);
        Assert.EndsWith(", 30m of run time)", result.OutputLines[1], StringComparison.Ordinal);
        Assert.StartsWith("  FAIL wrong (", result.OutputLines[2], StringComparison.Ordinal);
        Assert.Equal(
            [
                $"       {file}:27:12: expected the run succeeded, it ended failed (Nodes that did not succeed: approve.)",
                $"       {file}:29:9: node 'extract': expected 2 attempts, got 1",
            ],
            result.OutputLines[3..5]);
        Assert.Equal("2 tests, 1 passed, 1 failed", result.OutputLines[^1]);
    }

    [Fact]
    public async Task A_request_no_response_matches_fails_the_test_naming_its_URL_and_node()
    {
        var file = _folder.Write("orders.test.yaml", """
            tests:
              unanswered:
                responses:
                  - url: https://etl.example.com/api/extract
                    body: { batch: b-1 }
                expect:
                  nodes: { extract: succeeded, load: succeeded }
            """);

        var result = await Dags.RunAsync("test", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            "       no response matched PUT https://warehouse.example.com/api/batches/b-1 from node 'load'; add one under 'responses'",
            result.OutputLines);
        Assert.Contains(result.OutputLines, l => l.StartsWith($"       {file}:7:36: node 'load': expected succeeded, got failed (error: ", StringComparison.Ordinal)
            && l.Contains($"dags test: no response in {file} matches PUT https://warehouse.example.com/api/batches/b-1 from node 'load'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reply_slower_than_the_request_timeout_times_the_request_out_and_the_node_retries()
    {
        var file = _folder.Write("orders.test.yaml", """
            responses:
              - url: https://etl.example.com/api/extract
                body: { batch: b-1 }
            tests:
              slow-warehouse:
                responses:
                  - url: https://warehouse.example.com/*
                    failures: 1
                    failure: { status: 200, delay: 5m }
                events: { approve: null }
                expect:
                  run: succeeded
                  nodes:
                    load: { state: succeeded, attempts: 2 }
                    approve: { state: succeeded, output: null }
            """);

        var result = await Dags.RunAsync("test", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("1 test, 1 passed, 0 failed", result.OutputLines[^1]);
    }

    [Fact]
    public async Task A_run_waiting_for_an_event_the_test_never_sends_ends_at_its_timeout_on_the_virtual_clock()
    {
        var file = _folder.Write("orders.test.yaml", """
            responses:
              - body: { batch: b-1 }
            tests:
              nobody-approves:
                expect:
                  run: failed
                  nodes:
                    approve: { state: failed, error: "no 'ship' event arrived" }
            """);

        var result = await Dags.RunAsync("test", file);

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith(", 1d of run time)", result.OutputLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Junit_xml_has_a_suite_per_file_a_case_per_test_failures_and_an_error_for_an_invalid_file()
    {
        var good = _folder.Write("orders.test.yaml", """
            responses:
              - body: { batch: b-1 }
            tests:
              passes:
                events: { approve: null }
                expect: { run: succeeded }
              fails:
                expect: { run: succeeded }
            """);
        var bad = _folder.Write("other/broken.test.yaml", "tests:\n  t:\n    expect: { run: fine }\n");
        var report = Path.Join(_folder.Path, "reports", "dags.xml");

        var result = await Dags.RunAsync("test", _folder.Path, "--junit", report);

        Assert.Equal(1, result.ExitCode);
        var root = XDocument.Load(report).Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(("3", "1", "1"), ((string)root.Attribute("tests")!, (string)root.Attribute("failures")!, (string)root.Attribute("errors")!));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(new[] { good, bad }.Order(StringComparer.Ordinal), suites.Select(s => (string)s.Attribute("name")!).Order(StringComparer.Ordinal));
        var orders = suites.Single(s => (string)s.Attribute("name")! == good);
        Assert.Equal(["passes", "fails"], orders.Elements("testcase").Select(c => (string)c.Attribute("name")!));
        Assert.All(orders.Elements("testcase"), c => Assert.Equal("orders", (string)c.Attribute("classname")!));
        Assert.Null(orders.Elements("testcase").First().Element("failure"));
        Assert.StartsWith($"{good}:8:", (string)orders.Elements("testcase").Last().Element("failure")!.Attribute("message")!, StringComparison.Ordinal);
        var error = suites.Single(s => (string)s.Attribute("name")! == bad).Element("testcase")!.Element("error")!;
        Assert.Contains("'run' of 'expect' of test 't' cannot be 'fine'", (string)error.Attribute("message")!, StringComparison.Ordinal);
        Assert.Contains("1 invalid file", result.OutputLines[^2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DAG_file_or_a_folder_without_test_files_is_a_usage_error()
    {
        var dag = await Dags.RunAsync("test", _folder.At("orders.yaml"));
        var folder = await Dags.RunAsync("test", _folder.Path);

        Assert.Equal((2, 2), (dag.ExitCode, folder.ExitCode));
        Assert.StartsWith($"dags test: '{_folder.At("orders.yaml")}' is not a test file", dag.ErrorLines.Single(), StringComparison.Ordinal);
        Assert.Equal($"dags test: no test files (*.test.yaml, *.test.yml, *.test.json) under '{_folder.Path}'", folder.ErrorLines.Single());
    }

    [Fact]
    public async Task The_example_tests_pass()
    {
        var result = await Dags.RunAsync("test", Path.Join(ProgramTests.RepoRoot, "examples", "dags"), Path.Join(ProgramTests.RepoRoot, "examples", "azure"));

        Assert.True(result.ExitCode == 0, result.Output);
    }
}
