using System.Diagnostics;

namespace DurableDags.Cli.Tests;

/// <summary>The built <c>dags</c> executable as a real child process: its exit codes and streams.</summary>
public class ProgramTests
{
    [Fact]
    public async Task The_dags_executable_validates_a_folder_and_plans_a_file_with_real_exit_codes()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.yaml", SampleDags.Diamond());
        var broken = folder.Write("nested/broken.yaml", SampleDags.TwoErrors);

        var valid = await RunAsync("validate", good);
        Assert.Equal(0, valid.ExitCode);
        Assert.Equal(["1 file, 1 valid, 0 invalid, 0 errors"], valid.OutputLines);
        Assert.Empty(valid.Error);

        var invalid = await RunAsync("validate", folder.Path);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Equal(["2 files, 1 valid, 1 invalid, 2 errors"], invalid.OutputLines);
        Assert.Equal($"{broken}:4:14: node 'b' has unknown type 'htp'; did you mean 'http'?", invalid.ErrorLines[0]);

        var plan = await RunAsync("plan", good);
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("longest path, 3 nodes: a -> b -> d", plan.OutputLines);

        var usage = await RunAsync("validate", folder.At("missing"));
        Assert.Equal(2, usage.ExitCode);
        Assert.Equal([$"dags validate: '{folder.At("missing")}' does not exist"], usage.ErrorLines);
    }

    private static async Task<DagsResult> RunAsync(params string[] args)
    {
        var executable = Path.Join(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "dags.exe" : "dags");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        // A deadline, not a sleep: a hung process fails the test instead of hanging the run.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dags {string.Join(' ', args)} did not exit within a minute");
        }

        return new DagsResult(process.ExitCode, await output, await error);
    }
}
