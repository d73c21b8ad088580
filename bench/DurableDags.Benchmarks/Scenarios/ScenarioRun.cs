using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using DurableDags.Benchmarks.Hosting;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// <c>--scenarios [--repeat N] [--only TEXT|TEXT] [--verbose] [--store-root DIR]</c>: the wall-clock targets of the engine and the
/// server (issues 3 and 4). Each scenario warms up (not counted) until a sample compiles at most
/// <see cref="SteadyJitMethods"/> methods, at most <see cref="Scenario.MaxWarmUps"/> samples,
/// then runs <c>N</c> times; the table gives the median and the spread of each measure and
/// whether the median meets the target. The machine's load is printed before and after, since
/// these are clock times on shared cores.
/// </summary>
public static class ScenarioRun
{
    /// <summary>
    /// A sample that compiled more methods than this is still warming up. Tiered compilation keeps
    /// recompiling for the first 5 to 10 samples of a scenario here (hundreds of methods, up to
    /// 0.6 s of JIT per sample on 2 cores); a long-running host is past that within minutes.
    /// </summary>
    private const int SteadyJitMethods = 100;

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
        // What scenarios keep across their samples (engines, a server, plain loops), disposed at the end.
        var owned = new List<IAsyncDisposable>();
        try
        {
            var scenarios = EngineScenarios.All(work, azurite, folders, owned).Append(ServerScenario.Create(work, folders, owned))
                .Append(LargeRuns.LargeRunScenario.Create(work, folders))
                .Where(s => only is null || only.Split('|').Any(o => s.Name.Contains(o, StringComparison.OrdinalIgnoreCase)));
            foreach (var scenario in scenarios)
            {
                results.Add((scenario, await SampleAsync(scenario, repeat, verbose, output).ConfigureAwait(false)));
            }
        }
        finally
        {
            foreach (var kept in owned)
            {
                await kept.DisposeAsync().ConfigureAwait(false);
            }

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
        repeat = Math.Min(repeat, scenario.MaxRepeat ?? repeat);
        var warmUps = 0;
        while (samples.Count < repeat)
        {
            // Collected between samples, so no sample pays for the garbage of the one before.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var jitted = JitInfo.GetCompiledMethodCount();
            var sample = await scenario.RunOnceAsync().ConfigureAwait(false);
            jitted = JitInfo.GetCompiledMethodCount() - jitted;
            var warmingUp = samples.Count == 0 && warmUps < scenario.MaxWarmUps && (warmUps == 0 || jitted > SteadyJitMethods);
            var values = string.Join(", ", scenario.Measures.Select((m, k) => $"{m.Name} {m.Format(sample.Values[k])}"));
            Line(output, $"  {(warmingUp ? $"warm-up {warmUps + 1}" : $"#{samples.Count + 1}")}: {values}; CPU {sample.Cpu.TotalMilliseconds:F0} ms; JIT {jitted} methods; {sample.Details}");
            foreach (var line in verbose ? sample.Verbose : [])
            {
                Line(output, $"      {line}");
            }

            if (warmingUp)
            {
                warmUps++;
            }
            else
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
