using System.Diagnostics;

namespace DurableDags.Cli.Tests;

/// <summary>The built <c>dags</c> executable as a real child process: its exit codes and streams.</summary>
public class ProgramTests
{
    internal static readonly string RepoRoot = FindRepoRoot();

    [Fact]
    public async Task The_dags_executable_validates_and_plans_the_example_DAGs_and_fails_on_a_broken_one()
    {
        string[] extensions = [".yaml", ".yml", ".json"];
        var examples = Directory.GetFiles(Path.Join(RepoRoot, "examples", "dags"), "*", SearchOption.AllDirectories)
            .Where(f => extensions.Contains(Path.GetExtension(f)) && !DurableDags.Core.Testing.DagTestFile.IsTestFile(f))
            .ToArray();
        Assert.NotEmpty(examples);

        var valid = await RunAsync("validate", "examples/dags");
        Assert.Equal(0, valid.ExitCode);
        Assert.Equal([$"{examples.Length} files, {examples.Length} valid, 0 invalid, 0 errors"], valid.OutputLines);
        Assert.Empty(valid.Error);

        var plan = await RunAsync("plan", "examples/dags/nightly-batch.yaml");
        Assert.Equal(0, plan.ExitCode);
        Assert.Equal("nightly-batch (examples/dags/nightly-batch.yaml)", plan.OutputLines[0]);
        Assert.StartsWith("wave 1: ", plan.OutputLines[2], StringComparison.Ordinal);
        Assert.StartsWith("longest path, ", plan.OutputLines[^1], StringComparison.Ordinal);

        using var folder = new TempFolder();
        var broken = folder.Write("broken.yaml", SampleDags.TwoErrors);
        var invalid = await RunAsync("validate", "examples/dags", broken);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Equal([$"{examples.Length + 1} files, {examples.Length} valid, 1 invalid, 2 errors"], invalid.OutputLines);
        Assert.Equal(SampleDags.TwoErrorsAsPrinted(broken), invalid.ErrorLines);

        var usage = await RunAsync("validate", "examples/no-such-folder");
        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(["dags validate: 'examples/no-such-folder' does not exist"], usage.ErrorLines);
        Assert.Empty(usage.Output);
    }

    private static async Task<DagsResult> RunAsync(params string[] args)
    {
        var executable = Path.Join(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "dags.exe" : "dags");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // From the repository root, as the README and CI call it, so paths print as typed.
            WorkingDirectory = RepoRoot,
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

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Join(dir.FullName, "Directory.Packages.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}
