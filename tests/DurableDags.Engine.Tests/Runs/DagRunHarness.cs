using DurableDags.Core.States;
using DurableDags.Engine.Embedded;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Runs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Tests.Runs;

/// <summary>
/// The engine as a host wires it (AddDurableDagsEngine) on a folder store that outlives each
/// engine, with time under the test's control. <see cref="StopAsync"/> drops an engine as a
/// crash would; <see cref="StartAsync"/> brings up the next one on the same folder.
/// </summary>
public sealed class DagRunHarness : IAsyncDisposable
{
    public const string Secret = "s3cr3t-token-value";

    private ServiceProvider? _services;
    private LoopbackServer? _server;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"dd-runs-{Guid.NewGuid():N}");

    public ManualTimeProvider Time { get; } = new();

    public int HistoryEventBudget { get; init; } = DagRunInput.DefaultHistoryEventBudget;

    /// <summary>Settings under DurableDags:Secrets, as a host's configuration holds them.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string> { ["TOKEN"] = Secret };

    /// <summary>More host settings (alert settings, say) besides the secrets.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public IServiceProvider Services => _services!;

    public ICheckpointStore Store => _services!.GetRequiredService<ICheckpointStore>();

    public EmbeddedRunLauncher Launcher => _services!.GetRequiredService<EmbeddedRunLauncher>();

    public EmbeddedOrchestrationEngine Engine => _services!.GetRequiredService<EmbeddedOrchestrationEngine>();

    /// <param name="resume">False: the engine is built but not started, so a run started now is recorded and its orchestration's start stays queued.</param>
    public async Task StartAsync(bool resume = true)
    {
        Directory.CreateDirectory(Folder);
        var services = new ServiceCollection()
            .AddSingleton<IObjectStore>(new FolderObjectStore(Folder))
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection([.. Secrets.Select(s => KeyValuePair.Create<string, string?>($"DurableDags:Secrets:{s.Key}", s.Value)), .. Settings])
                .Build())
            .AddDurableDagsEngine(o =>
            {
                o.MaxConcurrentActivities = 8;
                o.HistoryEventBudget = HistoryEventBudget;
                // One server restarted: it takes its own leases back at once.
                o.OwnerId = "harness";
            });
        _services = services.BuildServiceProvider();
        if (resume)
        {
            await Launcher.ResumeAsync(EngineHarness.Deadline());
        }
    }

    public async Task StopAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }
    }

    public async Task PutDagAsync(string dagId, string yaml) =>
        await Store.PutDagAsync(dagId, yaml, $"{dagId}.yaml", EngineHarness.Deadline());

    public async Task<string> StartRunAsync(string dagId, string runId = "r1", DateTimeOffset? logicalDate = null, System.Text.Json.JsonElement? parameters = null)
    {
        var start = await Launcher.StartRunAsync(
            new RunLaunch { DagId = dagId, RunId = runId, LogicalDate = logicalDate, Params = parameters }, EngineHarness.Deadline());
        return start.Run.Value.RunId;
    }

    /// <summary>The run's result; a failure's error lists every node error, so a failing test says why.</summary>
    public async Task<DagRunResult> WaitAsync(string dagId, string runId = "r1")
    {
        var result = await Launcher.WaitForRunAsync(dagId, runId, EngineHarness.Deadline());
        return await WithNodeErrorsAsync(Store, dagId, runId, result);
    }

    /// <summary>A failed result with every node error of the run added to its error, so a failing test says why.</summary>
    public static async Task<DagRunResult> WithNodeErrorsAsync(ICheckpointStore store, string dagId, string runId, DagRunResult result)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(result);
        if (result.State == RunState.Succeeded)
        {
            return result;
        }

        var nodes = await store.ListNodesAsync(dagId, runId, EngineHarness.Deadline());
        return result with { Error = $"{result.Error} {string.Join("; ", nodes.Where(n => n.Error is not null).Select(n => $"{n.Instance}: {n.Error}"))}" };
    }

    public async Task<RunRecord> RunAsync(string dagId, string runId = "r1") =>
        (await Store.GetRunAsync(dagId, runId, EngineHarness.Deadline()))!.Value;

    /// <summary>A service of the running engine's host.</summary>
    public T Get<T>()
        where T : notnull => _services!.GetRequiredService<T>();

    /// <summary>Polls the node's record until <paramref name="condition"/> holds.</summary>
    public Task UntilNodeAsync(string dagId, string nodeId, Func<NodeRecord, bool> condition, string runId = "r1") =>
        EngineHarness.UntilAsync(async () =>
            await Store.GetNodeAsync(dagId, runId, new NodeInstance(nodeId), EngineHarness.Deadline()) is { } node && condition(node.Value));

    /// <summary>The Kestrel server the test's DAGs call; stopped with the harness.</summary>
    public async Task<LoopbackServer> ServeAsync(Action<Microsoft.AspNetCore.Builder.WebApplication> map) =>
        _server = await LoopbackServer.StartAsync(map);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(Folder))
        {
            // A test may leave this harness unstarted and use one of its own.
            Directory.Delete(Folder, recursive: true);
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
