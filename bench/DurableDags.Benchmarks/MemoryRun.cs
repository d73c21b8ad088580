using System.Diagnostics;
using System.Globalization;
using DurableDags.Core.Planning;

namespace DurableDags.Benchmarks;

/// <summary>
/// <c>--memory</c>: one cold pass in a fresh process (generate, load + validate, build the
/// graph, a full simulated run), then the process's peak working set and the bytes the GC
/// allocated. The peak includes the runtime itself, as a user's process would.
/// </summary>
public static class MemoryRun
{
    public static int Run(int nodes, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var culture = CultureInfo.InvariantCulture;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.PeakWorkingSet64;
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
        var peak = process.PeakWorkingSet64;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        GC.KeepAlive(graph);

        output.WriteLine(string.Create(culture, $"| Measure ({nodes:N0} nodes, one cold pass) | Value |"));
        output.WriteLine("|---|---:|");
        output.WriteLine(string.Create(culture, $"| YAML text | {text.Length / 1024.0 / 1024.0:F1} MB of chars ({Count(text, '\n'):N0} lines) |"));
        output.WriteLine(string.Create(culture, $"| Generate | {generated.TotalMilliseconds:F0} ms |"));
        output.WriteLine(string.Create(culture, $"| Load + validate (incl. JIT) | {(loaded - generated).TotalMilliseconds:F0} ms |"));
        output.WriteLine(string.Create(culture, $"| Build graph (incl. JIT) | {(built - loaded).TotalMilliseconds:F0} ms |"));
        output.WriteLine(string.Create(culture, $"| Full run (incl. JIT) | {(ran - built).TotalMilliseconds:F0} ms, {state}, {attempts:N0} attempts |"));
        output.WriteLine(string.Create(culture, $"| Peak working set at start | {baseline / 1024.0 / 1024.0:F1} MB |"));
        output.WriteLine(string.Create(culture, $"| Peak working set | {peak / 1024.0 / 1024.0:F1} MB |"));
        output.WriteLine(string.Create(culture, $"| GC total allocated | {allocated / 1024.0 / 1024.0:F1} MB |"));
        return 0;
    }

    private static int Count(string text, char c) => text.AsSpan().Count(c);
}
