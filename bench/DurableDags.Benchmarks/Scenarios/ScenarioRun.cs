using System.Diagnostics;
using System.Globalization;
using DurableDags.Benchmarks.Hosting;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// <c>--scenarios [--repeat N] [--only TEXT] [--verbose] [--store-root DIR]</c>: the wall-clock targets of the engine and the
/// server (issues 3 and 4). Each scenario runs once to warm up (JIT, connection pools; not
/// counted), then <c>N</c> times; the table gives the median and the spread of each measure and
/// whether the median meets the target. The machine's load is printed before and after, since
/// these are clock times on shared cores.
/// </summary>
public static class ScenarioRun
{
    public static async Task<int> RunAsync(int repeat, string? only, bool verbose, string storeRoot, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var clock = Stopwatch.StartNew();
        Line(output, $"load before: {MachineLoad.Describe()}; folder stores under {storeRoot}");
        using var folders = new ScratchFolders(storeRoot);
        await using var work = await WorkEndpoint.StartAsync().ConfigureAwait(false);
        AzuriteProcess? azurite = null;
        try
        {
            azurite = await AzuriteProcess.StartAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            Line(output, $"Azurite scenarios skipped: {e.Message}");
        }

        var results = new List<(Scenario Scenario, List<ScenarioSample> Samples)>();
        try
        {
            var scenarios = EngineScenarios.All(work, azurite, folders).Append(ServerScenario.Create(work, folders))
                .Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase));
            foreach (var scenario in scenarios)
            {
                results.Add((scenario, await SampleAsync(scenario, repeat, verbose, output).ConfigureAwait(false)));
            }
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
        }

        Line(output, $"load after: {MachineLoad.Describe()}; {clock.Elapsed.TotalSeconds:F0} s in all");
        output.WriteLine();
        return ScenarioReport.Write(results, repeat, output) ? 0 : 1;
    }

    private static async Task<List<ScenarioSample>> SampleAsync(Scenario scenario, int repeat, bool verbose, TextWriter output)
    {
        Line(output, $"{scenario.Name}:");
        var samples = new List<ScenarioSample>();
        for (var i = 0; i <= repeat; i++)
        {
            // Collected between samples, so no sample pays for the garbage of the one before.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sample = await scenario.RunOnceAsync().ConfigureAwait(false);
            var values = string.Join(", ", scenario.Measures.Select((m, k) => $"{m.Name} {m.Format(sample.Values[k])}"));
            Line(output, $"  {(i == 0 ? "warm-up" : $"#{i}")}: {values}; CPU {sample.Cpu.TotalMilliseconds:F0} ms; {sample.Details}");
            foreach (var line in verbose ? sample.Verbose : [])
            {
                Line(output, $"      {line}");
            }

            if (i > 0)
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    private static void Line(TextWriter output, FormattableString text)
    {
        output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
        output.Flush();
    }
}
