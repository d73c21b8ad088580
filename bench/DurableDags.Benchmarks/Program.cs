using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DurableDags.Benchmarks;

/// <summary>
/// <c>./build.sh bench [--quick] [BenchmarkDotNet args]</c> runs the benchmarks (all of them
/// unless <c>--filter</c> is given); <c>--memory [--nodes N]</c> measures peak memory in a fresh
/// process; <c>--emit PATH [--nodes N]</c> writes the generated DAG to a file; <c>--scenarios
/// [--repeat N] [--only TEXT] [--verbose] [--store-root DIR]</c> times whole runs on the engine and the server;
/// <c>--blob-throughput</c> measures the Blob store's requests per second on Azurite (see
/// <see cref="Throughput.BlobThroughput"/>). See bench/results.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = args.ToList();
        var nodes = Value(rest, "--nodes") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 10_000;
        if (Take(rest, "--memory"))
        {
            return MemoryRun.Run(nodes, Console.Out);
        }

        if (Take(rest, "--large-run-child"))
        {
            // One sample of the large-run scenario, started by it in a process of its own (or by
            // hand under a profiler: without --work the process serves the nodes' calls itself).
            return LargeRuns.LargeRunChild.RunAsync(Value(rest, "--work"), Value(rest, "--store")!,
                Value(rest, "--layers") is { } l ? int.Parse(l, CultureInfo.InvariantCulture) : LargeRuns.LargeRunDag.Layers,
                Value(rest, "--width") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : LargeRuns.LargeRunDag.Width,
                Console.Out).GetAwaiter().GetResult();
        }

        if (Take(rest, "--scenarios"))
        {
            var repeat = Value(rest, "--repeat") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
            return Scenarios.ScenarioRun.RunAsync(repeat, Value(rest, "--only"), Take(rest, "--verbose"), Value(rest, "--store-root") ?? Path.GetTempPath(), Console.Out).GetAwaiter().GetResult();
        }

        if (Take(rest, "--blob-throughput"))
        {
            var options = new Throughput.ThroughputOptions
            {
                Requests = Value(rest, "--requests") is { } q ? int.Parse(q, CultureInfo.InvariantCulture) : 2000,
                Concurrency = Value(rest, "--concurrency") is { } c ? [.. c.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] : [1, 8, 16, 32, 64],
                AzuriteFlags = Value(rest, "--azurite") is { } f ? f.Split(' ', StringSplitOptions.RemoveEmptyEntries) : null,
                Preload = Value(rest, "--preload") is { } k ? int.Parse(k, CultureInfo.InvariantCulture) : 0,
                Client = Value(rest, "--client") ?? "store",
                Storage = Value(rest, "--storage"),
            };
            return Throughput.BlobThroughput.RunAsync(options, Console.Out).GetAwaiter().GetResult();
        }

        if (Value(rest, "--emit") is { } path)
        {
            // The same DAG as a file, to time `dags validate` and `dags plan` end to end.
            File.WriteAllText(path, LargeDag.Text(nodes));
            return 0;
        }

        // ShortRun (3 warm-ups, 3 iterations) keeps a whole run to a few minutes on 2 busy cores.
        // In-process: no per-benchmark project to generate and build, which costs more here than the
        // benchmarks themselves; the numbers are the same code on the same runtime.
        var job = (Take(rest, "--quick") ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        if (!rest.Any(a => a is "--filter" or "-f"))
        {
            // Without a filter BenchmarkDotNet asks on the console which to run, which CI cannot answer.
            rest.AddRange(["--filter", "*"]);
        }

        var config = DefaultConfig.Instance
            .AddJob(job)
            .WithOptions(ConfigOptions.JoinSummary)
            .WithArtifactsPath(Path.Combine("artifacts", "bench"));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }

    private static bool Take(List<string> args, string flag) => args.Remove(flag);

    private static string? Value(List<string> args, string option)
    {
        var at = args.IndexOf(option);
        if (at < 0 || at + 1 >= args.Count)
        {
            return null;
        }

        var value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }
}
