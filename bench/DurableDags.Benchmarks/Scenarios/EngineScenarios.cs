using System.Globalization;
using DurableDags.Benchmarks.Hosting;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// The targets of issue 3, each a whole run on the embedded engine (default settings) from the
/// trigger to the end of the run, on a fresh store per sample.
/// </summary>
public static class EngineScenarios
{
    public const int NoopNodes = 1_000;
    public const int NoopParallelism = 64;
    public const int ChainNodes = 40;
    public const int ChainWorkMs = 10;
    public const int LayeredNodes = 200;
    public const int LayeredWidth = 16;
    public const int LayeredWorkMs = 50;
    public const int LayeredParallelism = 16;

    /// <summary>
    /// Warm-up cap of the scenarios that keep one engine: a method called once per run is promoted
    /// by tiered compilation only after 30 calls, so the JIT kept recompiling 100 to 800 methods a
    /// sample for about the first 35 runs (and used half the process's CPU while it did), which a
    /// long-running host is long past.
    /// </summary>
    private const int SteadyStateWarmUps = 45;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <param name="owned">What the chain and layered scenarios keep across their samples (their engines and plain loops); the caller disposes them.</param>
    public static IEnumerable<Scenario> All(WorkEndpoint work, AzuriteProcess? azurite, ScratchFolders folders, ICollection<IAsyncDisposable> owned)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(folders);
        Func<Task<IObjectStore>> folderStore = () => Task.FromResult<IObjectStore>(new FolderObjectStore(folders.New("dd-bench")));
        yield return Noop("folder store", folderStore, wallLimitMs: 1_000);
        if (azurite is not null)
        {
            // A fresh Azurite per sample; at about 3 ms a request, the raw-write loop alone takes
            // about 10 s here, so this one is sampled three times.
            yield return Noop("Azurite", async () => await azurite.NewStoreAsync().ConfigureAwait(false), wallLimitMs: 3_000, azurite.RestartAsync) with { MaxRepeat = 3, MaxWarmUps = 2 };
            yield return StoreRequestScenarios.IndependentHttpOnAzurite(work, azurite);
        }

        yield return Chain(work, folderStore, owned);
        yield return Layered(work, folderStore, owned);
    }

    /// <summary>A plain loop over its own folder store, kept across a scenario's samples as its engine is.</summary>
    private static PlainCallLoop PlainLoop(Func<Task<IObjectStore>> newStore, ICollection<IAsyncDisposable> owned)
    {
        var loop = new PlainCallLoop(newStore().GetAwaiter().GetResult());
        owned.Add(loop);
        return loop;
    }

    /// <summary>
    /// 1,000 independent no-op nodes. The same sample then times a loop of as many raw writes to
    /// a fresh store of the same kind as the run made (puts of the run's mean size, then its
    /// deletes), one after another: the checkpoint overhead is the run's time over the loop's.
    /// </summary>
    private static Scenario Noop(string storeName, Func<Task<IObjectStore>> newStore, double wallLimitMs, Func<Task>? beforeSample = null) => new(
        $"{NoopNodes:N0} independent noop nodes, {storeName}",
        [
            new Measure("run", "ms", $"< {wallLimitMs:N0} ms", wallLimitMs),
            new Measure("run ÷ raw-write loop", "x", "≤ 2×", 2),
        ],
        async () =>
        {
            const string dagId = "noop-1000";
            if (beforeSample is not null)
            {
                await beforeSample().ConfigureAwait(false);
            }

            RunTiming run;
            await using (var host = await EngineHost.StartAsync(await newStore().ConfigureAwait(false)).ConfigureAwait(false))
            {
                await host.PutDagAsync(dagId, ScenarioDags.Independent(dagId, NoopNodes, NoopParallelism)).ConfigureAwait(false);
                run = await host.RunAsync(dagId, "r1", Deadline).ConfigureAwait(false);
            }

            var rawStore = await newStore().ConfigureAwait(false);
            var cpu = Environment.CpuUsage.TotalTime;
            var loop = await RawWriteLoop.TimeAsync(rawStore, run.Counts).ConfigureAwait(false);
            var loopCpu = Environment.CpuUsage.TotalTime - cpu;
            var c = run.Counts;
            return new ScenarioSample(
                [run.Wall.TotalMilliseconds, run.Wall / loop],
                run.Cpu,
                Invariant($"maxParallelNodes {NoopParallelism}; CPU {run.UserCpu.TotalMilliseconds:F0} ms user + {run.KernelCpu.TotalMilliseconds:F0} ms kernel; store calls: {c.Writes} writes ({c.MeanWriteBytes} B mean), {c.Deletes} deletes, {c.Gets} reads, {c.Lists} lists; raw loop of {c.Writes} puts + {c.Deletes} deletes {loop.TotalMilliseconds:F0} ms ({loopCpu.TotalMilliseconds:F0} ms CPU)"))
            {
                Verbose = run.ByKind,
            };
        });

    /// <summary>40 nodes in a chain, each an http call the endpoint answers after 10 ms.</summary>
    private static Scenario Chain(WorkEndpoint work, Func<Task<IObjectStore>> newStore, ICollection<IAsyncDisposable> owned)
    {
        const double workMs = ChainNodes * ChainWorkMs;
        const string dagId = "chain-40";
        var engine = new LongLivedEngine(newStore, dagId, ScenarioDags.Chain(dagId, ChainNodes, work.Url(ChainWorkMs)));
        owned.Add(engine);
        var plain = PlainLoop(newStore, owned);
        return new Scenario(
            $"chain of {ChainNodes} http calls of {ChainWorkMs} ms, folder store",
            [
                new Measure("run", "ms", $"≤ 1.25 × {workMs:F0} ms = {1.25 * workMs:F0} ms", 1.25 * workMs),
                new Measure("engine time per node", "ms", "reported"),
                new Measure("run ÷ work served", "x", "≤ 1.05×", 1.05),
                new Measure("plain loop ÷ work served (this machine's floor)", "x", "reported"),
                new Measure("run ÷ plain loop", "x", "≤ 1.05× (the engine's own share)", 1.05),
                new Measure("store writes per succeeded http node", "", "≤ 2", 2),
            ],
            async () =>
            {
                var floor = await plain.TimeAsync(work, work.Url(ChainWorkMs), ChainNodes, width: 1).ConfigureAwait(false);
                var (run, attempts, succeeded) = await RunWithWorkAsync(work, engine, dagId).ConfigureAwait(false);
                var served = work.Served.TotalMilliseconds;
                var calls = work.Calls;
                return new ScenarioSample(
                    [run.Wall.TotalMilliseconds, (run.Wall.TotalMilliseconds - served) / ChainNodes, run.Wall.TotalMilliseconds / served, floor.OverServed, run.Wall / floor.Wall, StoreRequestScenarios.WritesPer(run.Counts, succeeded)],
                    run.Cpu,
                    Invariant($"{calls} calls served in {served:F0} ms in all ({served / Math.Max(1, calls):F1} ms each); {run.Counts.Writes} writes, {run.Counts.Gets} reads; {run.AllocatedBytes / 1024 / ChainNodes} KB allocated per node{attempts}; plain loop {floor.Wall.TotalMilliseconds:F0} ms for {floor.Served.TotalMilliseconds:F0} ms served"))
                {
                    Verbose = run.ByKind,
                };
            }) { MaxWarmUps = SteadyStateWarmUps };
    }

    /// <summary>200 http nodes of 50 ms in layers of 16, each after 3 of the layer before, maxParallelNodes 16.</summary>
    private static Scenario Layered(WorkEndpoint work, Func<Task<IObjectStore>> newStore, ICollection<IAsyncDisposable> owned)
    {
        const string dagId = "layered-200";
        var engine = new LongLivedEngine(newStore, dagId, ScenarioDags.Layered(dagId, LayeredNodes, LayeredWidth, upstreams: 3, LayeredParallelism, work.Url(LayeredWorkMs)));
        owned.Add(engine);
        var plain = PlainLoop(newStore, owned);
        var layers = (LayeredNodes + LayeredWidth - 1) / LayeredWidth;
        var longestPath = (double)layers * LayeredWorkMs;
        var perSlot = (double)LayeredNodes * LayeredWorkMs / LayeredParallelism;
        var bound = Math.Max(longestPath, perSlot);
        return new Scenario(
            $"{LayeredNodes} http nodes of {LayeredWorkMs} ms, {layers} layers of {LayeredWidth}, maxParallelNodes {LayeredParallelism}, folder store",
            [
                new Measure("run", "ms", Invariant($"≤ 1.05 × max({longestPath:F0}, {perSlot:F0}) = {1.05 * bound:F0} ms"), 1.05 * bound),
                new Measure("run ÷ lower bound", "x", "≤ 1.05×", 1.05),
                new Measure("plain loop ÷ lower bound (this machine's floor)", "x", "reported"),
                new Measure("run ÷ plain loop", "x", "≤ 1.05× (the engine's own share)", 1.05),
                new Measure("store writes per succeeded http node", "", "≤ 2", 2),
            ],
            async () =>
            {
                var floor = await plain.TimeAsync(work, work.Url(LayeredWorkMs), LayeredNodes, LayeredWidth).ConfigureAwait(false);
                var (run, attempts, succeeded) = await RunWithWorkAsync(work, engine, dagId).ConfigureAwait(false);
                var details = Invariant($"{work.Calls} calls, at most {work.PeakConcurrency} at once, {work.Served.TotalMilliseconds / Math.Max(1, work.Calls):F1} ms each as served; {run.Counts.Writes} writes, {run.Counts.Gets} reads; {run.AllocatedBytes / 1024 / LayeredNodes} KB allocated per node, {run.Gen0Collections} gen-0 GCs{attempts}");
                return new ScenarioSample(
                    [run.Wall.TotalMilliseconds, run.Wall.TotalMilliseconds / bound, floor.Wall.TotalMilliseconds / bound, run.Wall / floor.Wall, StoreRequestScenarios.WritesPer(run.Counts, succeeded)],
                    run.Cpu,
                    Invariant($"{details}; plain loop {floor.Wall.TotalMilliseconds:F0} ms"))
                {
                    Verbose = run.ByKind,
                };
            }) { MaxWarmUps = SteadyStateWarmUps };
    }

    private static async Task<(RunTiming Run, string Attempts, int Succeeded)> RunWithWorkAsync(WorkEndpoint work, LongLivedEngine engine, string dagId)
    {
        work.Reset();
        var (run, runId, host) = await engine.RunAsync(Deadline).ConfigureAwait(false);
        if (work.RepeatedKeys is { Count: > 0 } repeated)
        {
            throw new InvalidOperationException($"attempts called the endpoint more than once: {string.Join(", ", repeated.Take(5))}");
        }

        var nodes = await host.Store.ListNodesAsync(dagId, runId).ConfigureAwait(false);
        return (run, DescribeAttempts(nodes), nodes.Count(n => n.State == Core.States.NodeState.Succeeded));
    }

    /// <summary>
    /// From the attempts' own records: how long an attempt lasted (its step, from marking the node
    /// running to its end) and how long passed between an attempt's end and the next one's start.
    /// </summary>
    private static string DescribeAttempts(IReadOnlyList<NodeRecord> nodes)
    {
        var attempts = nodes.Select(n => n.LatestAttempt).OfType<NodeAttempt>().Where(a => a.EndedAt is not null).OrderBy(a => a.StartedAt).ToList();
        if (attempts.Count < 2)
        {
            return "";
        }

        var lasted = attempts.Select(a => (a.EndedAt!.Value - a.StartedAt).TotalMilliseconds).Order().ToList();
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b.StartedAt - a.EndedAt!.Value).TotalMilliseconds).Where(g => g >= 0).Order().ToList();
        return Invariant($"; attempts lasted {lasted[lasted.Count / 2]:F1} ms (median), the next started {(gaps.Count == 0 ? 0 : gaps[gaps.Count / 2]):F2} ms after one ended (median gap)");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
