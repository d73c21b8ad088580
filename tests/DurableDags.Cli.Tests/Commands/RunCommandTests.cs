using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;

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
        Assert.Matches(@"^run manual__\S+ succeeded in \d+\.\d\ds$", result.OutputLines[^1]);
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
        Assert.Equal(["dags run: params.url: required parameter 'url' (string) is missing"], missing.ErrorLines);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains(failed.OutputLines, line => line.StartsWith("run manual__", StringComparison.Ordinal) && line.Contains(" failed in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_bad_parameter_is_a_usage_error_on_a_line_of_its_own_and_nothing_runs()
    {
        using var folder = new TempFolder();
        var file = folder.Write("typed.yaml", """
            id: typed
            params:
              n: { type: number }
              mode: { type: string, enum: [fast, full] }
            nodes:
              a: { type: noop }
            """);
        var store = Path.Combine(folder.Path, "store");

        var result = await Dags.RunAsync("run", file, "-p", "n=abc", "-p", "mode=slow", "-p", "colour=red", "-p", "broken", "--store", store);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [
                "dags run: -p broken: write name=value",
                "dags run: params.colour: 'colour' is not a parameter of DAG 'typed' (it takes n, mode)",
                "dags run: params.n: expected a number, got \"abc\"",
                "dags run: params.mode: \"slow\" is not one of the allowed values: \"fast\", \"full\"",
            ],
            result.ErrorLines);
        Assert.Empty(result.Output);
        Assert.False(Directory.Exists(store));
    }

    [Fact]
    public async Task Defaults_fill_the_parameters_not_given_expressions_included_and_a_string_parameter_takes_its_value_as_written()
    {
        using var folder = new TempFolder();
        var file = folder.Write("defaults.yaml", """
            id: defaults
            params:
              code: { type: string }
              n: { type: integer, default: 2 }
              tag: { type: string, default: "${{ run.id }}" }
            nodes:
              a: { type: noop }
            """);
        var store = Path.Combine(folder.Path, "store");

        var result = await Dags.RunAsync("run", file, "-p", "code=123", "--store", store);

        Assert.Equal(0, result.ExitCode);
        var runId = result.OutputLines[0].Split(' ')[1];
        var run = await new CheckpointStore(new FolderObjectStore(store)).GetRunAsync("defaults", runId);
        Assert.Equal($$"""{"code":"123","n":2,"tag":"{{runId}}"}""", run!.Value.Params.GetRawText());
    }
}
