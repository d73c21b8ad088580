using System.Diagnostics;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;
using DurableDags.Core.States;
using DurableDags.Engine;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Objects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableDags.Benchmarks.Hosting;

/// <summary>
/// The embedded engine as hosts wire it (<c>AddDurableDagsEngine</c>, the default settings) over
/// a real store wrapped in a <see cref="CountingObjectStore"/>. One run is timed from the trigger
/// (<see cref="IRunLauncher.StartRunAsync"/>) to the end of its orchestration.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EngineHost(ServiceProvider services, CountingObjectStore objects)
    {
        _services = services;
        Objects = objects;
    }

    /// <summary>
    /// <c>DD_BENCH_HISTORY_WRITE_DELAY_MS</c>: the engine's history write delay, to compare a build
    /// with its turns written one by one (0) against the default; unset, the default.
    /// </summary>
    public static TimeSpan? HistoryWriteDelay { get; } =
        Environment.GetEnvironmentVariable("DD_BENCH_HISTORY_WRITE_DELAY_MS") is { Length: > 0 } ms
            ? TimeSpan.FromMilliseconds(double.Parse(ms, System.Globalization.CultureInfo.InvariantCulture))
            : null;

    public CountingObjectStore Objects { get; }

    public ICheckpointStore Store => _services.GetRequiredService<ICheckpointStore>();

    public static async Task<EngineHost> StartAsync(IObjectStore store)
    {
        var objects = new CountingObjectStore(store);
        var services = new ServiceCollection()
            .AddSingleton<IObjectStore>(objects)
            .AddLogging(l => l.AddConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning))
            .AddDurableDagsEngine(o => o.HistoryWriteDelay = HistoryWriteDelay ?? o.HistoryWriteDelay)
            .BuildServiceProvider();
        await services.GetRequiredService<EmbeddedRunLauncher>().ResumeAsync(CancellationToken.None).ConfigureAwait(false);
        return new EngineHost(services, objects);
    }

    /// <summary>Stores a DAG the scenario generated, checked first as an upload would be.</summary>
    public async Task PutDagAsync(string dagId, string yaml)
    {
        var result = DagLoader.Load($"{dagId}.yaml", yaml, OperatorCatalog.BuiltIn);
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"the generated DAG '{dagId}' is not valid: {string.Join("; ", result.Diagnostics.Take(5))}");
        }

        await Store.PutDagAsync(dagId, yaml, $"{dagId}.yaml").ConfigureAwait(false);
    }

    /// <summary>Triggers a run, waits for it and says how long it took and what it did to the store.</summary>
    /// <exception cref="InvalidOperationException">The run did not succeed: a scenario never times a failure.</exception>
    public async Task<RunTiming> RunAsync(string dagId, string runId, TimeSpan deadline)
    {
        using var cancel = new CancellationTokenSource(deadline);
        var launcher = _services.GetRequiredService<EmbeddedRunLauncher>();
        Objects.Reset();
        var cpu = Environment.CpuUsage;
        var allocated = GC.GetTotalAllocatedBytes();
        var gcs = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        await launcher.StartRunAsync(new RunLaunch { DagId = dagId, RunId = runId }, cancel.Token).ConfigureAwait(false);
        var result = await launcher.WaitForRunAsync(dagId, runId, cancel.Token).ConfigureAwait(false);
        var wall = clock.Elapsed;
        var after = Environment.CpuUsage;
        var allocatedAfter = GC.GetTotalAllocatedBytes();
        var gcsAfter = GC.CollectionCount(0);
        var counts = Objects.Counts;
        var byKind = Objects.ByKind.Select(k => $"{k.Value,6} {k.Key}").ToList();
        if (result.State != RunState.Succeeded)
        {
            var failed = (await Store.ListNodesAsync(dagId, runId).ConfigureAwait(false)).Where(n => n.Error is not null).Take(3);
            throw new InvalidOperationException($"run {runId} of {dagId} ended {result.State}: {result.Error} {string.Join("; ", failed.Select(n => $"{n.Instance}: {n.Error}"))}");
        }

        return new RunTiming(wall, after.UserTime - cpu.UserTime, after.PrivilegedTime - cpu.PrivilegedTime, counts)
        {
            ByKind = byKind,
            AllocatedBytes = allocatedAfter - allocated,
            Gen0Collections = gcsAfter - gcs,
        };
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>One run: clock time from trigger to end, CPU time the whole process used meanwhile (user and kernel), store calls.</summary>
public sealed record RunTiming(TimeSpan Wall, TimeSpan UserCpu, TimeSpan KernelCpu, StoreCounts Counts)
{
    public TimeSpan Cpu => UserCpu + KernelCpu;

    /// <summary>Bytes the whole process allocated meanwhile (the endpoint's requests included).</summary>
    public long AllocatedBytes { get; init; }

    public int Gen0Collections { get; init; }

    /// <summary>Store calls by operation and kind of key, most first.</summary>
    public IReadOnlyList<string> ByKind { get; init; } = [];
}
