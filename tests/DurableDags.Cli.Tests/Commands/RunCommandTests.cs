namespace DurableDags.Cli.Tests.Commands;

public class RunCommandTests
{
    [Fact]
    public async Task A_dag_runs_to_the_end_with_a_line_per_state_change_and_a_closing_table_and_exits_0()
    {
        using var folder = new TempFolder();
        var file = folder.Write("hello.yaml", """
            id: hello
            params:
              who: { type: string }
            nodes:
              a: { type: noop }
              b: { needs: [a], type: noop, if: "${{ params.who == 'ana' }}" }
              c: { needs: [a], type: noop, if: "${{ params.who != 'ana' }}" }
            """);

        var result = await Dags.RunAsync("run", file, "-p", "who=ana", "--store", Path.Combine(folder.Path, "store"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("b succeeded", result.OutputLines);
        Assert.Contains("c skipped", result.OutputLines);
        Assert.Contains(result.OutputLines, line => line.Contains("│ b    │ succeeded │ 1", StringComparison.Ordinal));
        Assert.Matches(@"^run run-\S+ succeeded in \d+\.\d\ds$", result.OutputLines[^1]);
    }

    [Fact]
    public async Task A_failed_run_exits_1_and_a_missing_parameter_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.yaml", """
            id: bad
            params:
              url: { type: string }
            nodes:
              call: { type: http, with: { url: "${{ params.url }}" } }
            """);
        var store = Path.Combine(folder.Path, "store");

        var missing = await Dags.RunAsync("run", file, "--store", store);
        var failed = await Dags.RunAsync("run", file, "-p", "url=not a url", "--store", store);

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(["dags run: parameter 'url' of DAG 'bad' is required: pass -p url=VALUE"], missing.ErrorLines);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains(failed.OutputLines, line => line.StartsWith("run run-", StringComparison.Ordinal) && line.Contains(" failed in ", StringComparison.Ordinal));
    }
}
