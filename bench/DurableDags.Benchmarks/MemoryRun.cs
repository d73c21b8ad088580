using System.Diagnostics;
using System.Globalization;
using DurableDags.Core.Planning;

namespace DurableDags.Benchmarks;

/// <summary>
/// <c>--memory</c>: one cold pass in a fresh process (generate, load + validate, build the graph,
/// a full simulated run) and the process's peak working set after it, which includes the runtime
/// itself as a user's process would. Then warm rounds timed by the clock and by the CPU time the
/// process used, because on a shared machine the clock also counts time spent waiting for a core.
/// </summary>
public static class MemoryRun
{
    private const int WarmRounds = 10;

    public static int Run(int nodes, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var text = LargeDag.Text(nodes);
        var generated = clock.Elapsed;
        var dag = LargeDag.Load(text);
        var loaded = clock.Elapsed;
        var graph = DagGraph.Build(dag);
        var built = clock.Elapsed;
        var (state, attempts) = SimulatedRun.Run(graph);
        var ran = clock.Elapsed;
        process.Refresh();
        var coldPeak = process.PeakWorkingSet64;
        var coldAllocated = GC.GetTotalAllocatedBytes(precise: true);

        var load = Warm(process, () => LargeDag.Load(text));
        var run = Warm(process, () => SimulatedRun.Run(graph));
        process.Refresh();

        Line(output, $"| Measure ({nodes:N0} nodes) | Value |");
        Line(output, $"|---|---:|");
        Line(output, $"| YAML text | {text.Length / 1024.0 / 1024.0:F1} M chars, {text.AsSpan().Count('\n'):N0} lines |");
        Line(output, $"| Cold: generate | {generated.TotalMilliseconds:F0} ms |");
        Line(output, $"| Cold: load + validate (with JIT) | {(loaded - generated).TotalMilliseconds:F0} ms |");
        Line(output, $"| Cold: build graph (with JIT) | {(built - loaded).TotalMilliseconds:F0} ms |");
        Line(output, $"| Cold: full run (with JIT) | {(ran - built).TotalMilliseconds:F0} ms, {state}, {attempts:N0} attempts |");
        Line(output, $"| Peak working set after the cold pass | {Megabytes(coldPeak)} |");
        Line(output, $"| GC total allocated by the cold pass | {Megabytes(coldAllocated)} |");
        Line(output, $"| Warm load + validate, median of {WarmRounds} | {load.Wall:F0} ms clock, {load.Cpu:F0} ms CPU |");
        Line(output, $"| Warm full run, median of {WarmRounds} | {run.Wall:F1} ms clock, {run.Cpu:F1} ms CPU |");
        Line(output, $"| Peak working set after the warm rounds | {Megabytes(process.PeakWorkingSet64)} |");
        return 0;
    }

    /// <summary>Medians of clock and process CPU milliseconds over the warm rounds.</summary>
    private static (double Wall, double Cpu) Warm(Process process, Action action)
    {
        var walls = new double[WarmRounds];
        var cpus = new double[WarmRounds];
        for (var i = 0; i < WarmRounds; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            walls[i] = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpus[i] = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        }

        Array.Sort(walls);
        Array.Sort(cpus);
        return (walls[WarmRounds / 2], cpus[WarmRounds / 2]);
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F1} MB");

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
