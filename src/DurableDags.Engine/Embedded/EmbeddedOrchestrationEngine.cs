using System.Collections.Concurrent;
using System.Text.Json;
using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Embedded.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableDags.Engine.Embedded;

/// <summary>
/// Runs orchestrations in this process with Durable Task's replay semantics, persisting every
/// instance's history, timers and inbox in an <see cref="IOrchestrationHistoryStore"/>. Starting
/// an engine on a store resumes every unfinished instance where its history left it.
/// </summary>
public sealed partial class EmbeddedOrchestrationEngine : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, InstanceRunner> _runners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _runnerStops = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<OrchestrationInstanceRecord>> _completions = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _running = [];
    private readonly CancellationTokenSource _stopping = new();
    // Creating an instance is check-then-write on its id: one id at a time, but different ids
    // (every trigger's run) side by side, so starts do not queue behind each other's writes.
    private readonly SemaphoreSlim[] _creating = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly ILogger _logger;
    private int _disposed;

    public EmbeddedOrchestrationEngine(
        IOrchestrationHistoryStore store,
        OrchestrationCatalog catalog,
        EmbeddedEngineOptions options,
        TimeProvider timeProvider,
        ILogger<EmbeddedOrchestrationEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? NullLogger<EmbeddedOrchestrationEngine>.Instance;
        Store = store;
        Stopping = _stopping.Token;
        RunnerStore = new PatientHistoryStore(store, _logger);
        Catalog = catalog;
        Time = timeProvider;
        Activities = new ActivityWorkerPool(options.MaxConcurrentActivities, catalog, _logger, _stopping.Token);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HistoryWriteDelay, TimeSpan.Zero, nameof(options.HistoryWriteDelay));
        HistoryWriteDelay = options.HistoryWriteDelay;
        if (options.LeaseDuration is { } lease)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero, nameof(options.LeaseDuration));
            _leases = new LeaseKeeper(store, options.OwnerId, lease, options.LeaseClock);
            _leaseClock = options.LeaseClock;
            _beat = lease / 3;
        }
    }

    /// <summary>The store as clients use it (start, raise, read): a storage outage fails the call at once.</summary>
    internal IOrchestrationHistoryStore Store { get; }

    /// <summary>The store as running instances use it: they wait out a storage outage and carry on.</summary>
    internal IOrchestrationHistoryStore RunnerStore { get; }

    internal OrchestrationCatalog Catalog { get; }

    internal TimeProvider Time { get; }

    /// <summary>See <see cref="EmbeddedEngineOptions.HistoryWriteDelay"/>.</summary>
    internal TimeSpan HistoryWriteDelay { get; }

    internal ActivityWorkerPool Activities { get; }

    /// <summary>Cancelled when the engine stops or is disposed: what works for it in the background stops with it.</summary>
    internal CancellationToken Stopping { get; }

    /// <summary>
    /// Resumes every instance the store holds as unfinished and no other engine holds the lease
    /// of, then starts the heartbeat that keeps this engine's leases and claims abandoned instances.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await foreach (var id in Store.ListActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = await Store.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false);
            if (record is { IsFinished: false })
            {
                await ClaimAsync(record, cancellationToken).ConfigureAwait(false);
            }
            else if (record is not null || _leases is null || !await _leases.IsHeldElsewhereAsync(id, cancellationToken).ConfigureAwait(false))
            {
                // Marked before its creation finished, or finished before the mark was removed. A
                // mark without a record whose lease another engine holds is being created there now.
                await Store.SetActiveAsync(id, active: false, cancellationToken).ConfigureAwait(false);
            }
        }

        StartHeartbeat();
    }

    /// <summary>Starts an instance; false when one with this id exists already (it is left as it is).</summary>
    public Task<bool> StartNewAsync(string name, string instanceId, object? input, CancellationToken cancellationToken) =>
        CreateAsync(Store, name, instanceId, Serialize(input), parent: null, cancellationToken);

    /// <summary>
    /// Stores the event in the instance's inbox, then hands it over. It waits there until the
    /// orchestrator asks for it, across restarts. False when the instance is finished.
    /// </summary>
    public async Task<bool> RaiseEventAsync(string instanceId, string eventName, object? payload, CancellationToken cancellationToken)
    {
        var record = await Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
        if (record.IsFinished)
        {
            return false;
        }

        var message = new InboxMessage($"{Time.GetUtcNow().UtcTicks:D19}-{Guid.NewGuid():N}", eventName, Serialize(payload));
        await Store.AddInboxMessageAsync(instanceId, message, cancellationToken).ConfigureAwait(false);
        if (_runners.TryGetValue(instanceId, out var runner))
        {
            runner.Post(RunnerMessage.External(message));
        }

        return true;
    }

    public Task<OrchestrationInstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        Store.GetInstanceAsync(instanceId, cancellationToken);

    /// <summary>The finished instance's record; completes when it completes or fails.</summary>
    public async Task<OrchestrationInstanceRecord> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var completion = _completions.GetOrAdd(instanceId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        var record = await Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
        return record.IsFinished ? record : await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops at once, as a crash would: running activities are cancelled and their results
    /// dropped, nothing more is written. A new engine on the same store carries on.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        StopHeartbeat();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll([.. _running, _lastBeat, Activities.Completion]).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        foreach (var gate in _creating)
        {
            gate.Dispose();
        }
    }

    internal void OnFinished(OrchestrationInstanceRecord record)
    {
        _runners.TryRemove(record.InstanceId, out _);
        Forget(record.InstanceId);
        if (_completions.TryRemove(record.InstanceId, out var completion))
        {
            completion.TrySetResult(record);
        }

        if (record.ParentInstanceId is { } parentId && _runners.TryGetValue(parentId, out var parent))
        {
            parent.Post(new RunnerMessage(record.ParentGeneration, CompletionOf(record, record.ParentTaskId)));
        }
    }

    /// <summary>Creates a child instance, or finds the one created before a restart; failures go to the parent as its result.</summary>
    internal async Task StartChildAsync(InstanceRunner parent, int generation, SubOrchestrationCreated child)
    {
        try
        {
            var parentLink = new OrchestrationInstanceRecord
            {
                InstanceId = child.InstanceId,
                Name = child.Name,
                ParentInstanceId = parent.InstanceId,
                ParentGeneration = generation,
                ParentTaskId = child.TaskId,
            };
            if (await CreateAsync(RunnerStore, child.Name, child.InstanceId, child.Input, parentLink, _stopping.Token).ConfigureAwait(false))
            {
                return;
            }

            // Created before a restart: report it if it is done, otherwise it reports when it is.
            var existing = await RunnerStore.GetInstanceAsync(child.InstanceId, _stopping.Token).ConfigureAwait(false);
            if (existing is null || existing.ParentInstanceId != parent.InstanceId
                || existing.ParentGeneration != generation || existing.ParentTaskId != child.TaskId)
            {
                parent.Post(new RunnerMessage(generation, new SubOrchestrationFailed(child.TaskId,
                    $"Instance id '{child.InstanceId}' is already used by another orchestration.")));
            }
            else if (existing.IsFinished)
            {
                parent.Post(new RunnerMessage(generation, CompletionOf(existing, child.TaskId)));
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            parent.Post(new RunnerMessage(generation, new SubOrchestrationFailed(child.TaskId, $"{ex.GetType().Name}: {ex.Message}")));
        }
    }

    /// <param name="store">The client's store for a start, which fails fast; the patient one for a child, which its parent waits for.</param>
    private async Task<bool> CreateAsync(IOrchestrationHistoryStore store, string name, string instanceId, JsonElement? input, OrchestrationInstanceRecord? parent, CancellationToken ct)
    {
        Catalog.GetOrchestrator(name);
        var creating = _creating[(uint)StringComparer.Ordinal.GetHashCode(instanceId) % (uint)_creating.Length];
        await creating.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await store.GetInstanceAsync(instanceId, ct).ConfigureAwait(false) is not null)
            {
                return false;
            }

            var now = Time.GetUtcNow().UtcDateTime;
            var record = (parent ?? new OrchestrationInstanceRecord { InstanceId = instanceId, Name = name }) with
            {
                CreatedAt = now,
                UpdatedAt = now,
                TotalEvents = 2,
            };
            HistoryEvent[] history = [new OrchestratorStarted(now), new ExecutionStarted(name, input)];
            // Marked before the record, the mark holding this engine's lease (one write for both):
            // a stop before the record exists leaves only a mark, which start-up drops, lease and
            // all. The history is written meanwhile, since it too only has to precede the record.
            var marking = MarkNewAsync(store, instanceId, ct);
            bool mine;
            try
            {
                try
                {
                    await store.DeleteHistoryAsync(instanceId, 0, ct).ConfigureAwait(false);
                    await store.AppendHistoryAsync(instanceId, 0, 0, history, ct).ConfigureAwait(false);
                }
                finally
                {
                    mine = await marking.ConfigureAwait(false);
                }

                await store.SaveInstanceAsync(record, ct).ConfigureAwait(false);
            }
            catch
            {
                // No renewals for an instance that may never exist: a retry of the start takes the mark again.
                _leases?.Forget(instanceId);
                throw;
            }

            if (mine)
            {
                Load(record, createdWith: history);
            }

            return true;
        }
        finally
        {
            creating.Release();
        }
    }

    /// <param name="createdWith">The history this engine has just created the instance with; null for one resumed from the store.</param>
    private void Load(OrchestrationInstanceRecord record, IReadOnlyList<HistoryEvent>? createdWith)
    {
        var runner = new InstanceRunner(this, record, createdWith);
        if (_runners.TryAdd(record.InstanceId, runner))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            _runnerStops[record.InstanceId] = stop;
            _running.Add(Task.Run(() => RunInstanceAsync(runner, stop), CancellationToken.None));
        }
    }

    private async Task RunInstanceAsync(InstanceRunner runner, CancellationTokenSource stop)
    {
        try
        {
            await runner.RunAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The engine stops, or another engine took the instance's lease.
        }
        catch (Exception ex)
        {
            // Its lease is kept: this engine's next heartbeat loads it again from its history.
            _runners.TryRemove(KeyValuePair.Create(runner.InstanceId, runner));
            LogInstanceStopped(_logger, ex, runner.InstanceId);
        }
        finally
        {
            // One that lost its lease was cancelled and removed by the heartbeat, which leaves it be.
            if (_runnerStops.TryRemove(KeyValuePair.Create(runner.InstanceId, stop)))
            {
                stop.Dispose();
            }
        }
    }

    private static CompletionEvent CompletionOf(OrchestrationInstanceRecord record, int taskId) =>
        record.Status == OrchestrationRuntimeStatus.Completed
            ? new SubOrchestrationCompleted(taskId, record.Output)
            : new SubOrchestrationFailed(taskId, record.Error ?? "failed");

    private static JsonElement? Serialize(object? value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, value.GetType(), OrchestrationCatalog.Json);

    [LoggerMessage(Level = LogLevel.Error, Message = "Orchestration instance {InstanceId} stopped; it is loaded again at the engine's next heartbeat, or when an engine starts")]
    private static partial void LogInstanceStopped(ILogger logger, Exception ex, string instanceId);
}
