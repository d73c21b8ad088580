using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DurableDags.Benchmarks.Hosting;
using DurableDags.Benchmarks.Scenarios;

namespace DurableDags.Benchmarks.LargeRuns;

/// <summary>
/// Issue 17's large run: the 10,000-node layered DAG (<see cref="LargeRunDag"/>) end to end on
/// the folder store, from its upload to the run's success, each sample in a new process
/// (<see cref="LargeRunChild"/>) on a new store, so a sample's peak working set is that server's
/// own. The http nodes call this process's endpoint, which counts them.
/// </summary>
public static class LargeRunScenario
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static Scenario Create(WorkEndpoint work, ScratchFolders folders) => new(
        $"{LargeRunDag.Nodes:N0}-node layered DAG ({LargeRunDag.Layers} layers of {LargeRunDag.Width}, every third http), upload to success, folder store, own process",
        [
            new Measure("upload to success", "ms", "< 10,000 ms", 10_000),
            new Measure("peak working set", "MB", "< 500 MB", 500),
            new Measure("run (trigger to end)", "ms", "reported"),
        ],
        async () =>
        {
            work.Reset();
            var result = await RunChildAsync(work.Url(0), folders.New("dd-bench-large")).ConfigureAwait(false);
            if (result.Succeeded != LargeRunDag.Nodes || work.Calls != LargeRunDag.HttpNodes || work.RepeatedKeys.Count > 0)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Succeeded} of {LargeRunDag.Nodes} nodes succeeded, {work.Calls} calls for {LargeRunDag.HttpNodes} http nodes, {work.RepeatedKeys.Count} keys called twice"));
            }

            return new ScenarioSample(
                [result.TotalMs, result.PeakWorkingSetBytes / 1024.0 / 1024.0, result.RunMs],
                TimeSpan.FromMilliseconds(result.UserCpuMs + result.KernelCpuMs),
                result.Describe() + string.Create(CultureInfo.InvariantCulture, $"; {work.Calls} calls, at most {work.PeakConcurrency} at once"));
        }) { MaxWarmUps = 0 };

    private static async Task<LargeRunResult> RunChildAsync(string workUrl, string store)
    {
        var dll = typeof(LargeRunScenario).Assembly.Location;
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!Path.GetFileNameWithoutExtension(host).Equals(Path.GetFileNameWithoutExtension(dll), StringComparison.Ordinal))
        {
            start.ArgumentList.Add(dll);
        }

        foreach (var arg in new[] { "--large-run-child", "--work", workUrl, "--store", store })
        {
            start.ArgumentList.Add(arg);
        }

        using var cancel = new CancellationTokenSource(Deadline);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the large-run child process did not start");
        var stdout = child.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = child.StandardError.ReadToEndAsync(cancel.Token);
        await child.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        var lines = (await stdout.ConfigureAwait(false)).Split('\n');
        var line = lines.LastOrDefault(l => l.StartsWith(LargeRunChild.ResultPrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"the large-run child exited {child.ExitCode}: {await stderr.ConfigureAwait(false)} {string.Join('\n', lines.TakeLast(20))}");
        }

        return JsonSerializer.Deserialize<LargeRunResult>(line[LargeRunChild.ResultPrefix.Length..])!;
    }
}
