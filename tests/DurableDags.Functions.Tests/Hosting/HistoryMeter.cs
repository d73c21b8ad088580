using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableDags.Functions.Tests.Hosting;

/// <summary>
/// The test host's orchestration service, counting what it commits: the history events of each
/// generation (one execution id of an instance) and the past events the worker replayed on each
/// episode. Everything else is the in-memory service's own.
/// </summary>
internal sealed class HistoryMeter(IOrchestrationService inner) : IOrchestrationService
{
    private readonly ConcurrentDictionary<string, Generation> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<TaskOrchestrationWorkItem, Locked> _locked = new();

    /// <summary>Generations of the instance, oldest first.</summary>
    public IReadOnlyList<Generation> GenerationsOf(string instanceId) =>
        [.. _generations.Values.Where(g => g.InstanceId == instanceId).OrderBy(g => g.Sequence)];

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var item = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (item is not null)
        {
            var state = item.OrchestrationRuntimeState;
            _locked[item] = new Locked(state.OrchestrationInstance?.ExecutionId, state.Events.Count, item.NewMessages.Count);
        }

        return item!;
    }

    /// <summary>
    /// Counts the committed generation. A work item that continued as new commits only the new
    /// generation; the one it ended had its committed events plus this episode's start, its new
    /// messages, and its ContinuedAsNew completion and episode end.
    /// </summary>
    public Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        _locked.TryRemove(workItem, out var locked);
        var instance = newOrchestrationRuntimeState.OrchestrationInstance!;
        if (locked is { ExecutionId: { } ended } && ended != instance.ExecutionId)
        {
            _generations[ended].Commit(locked.Events + 1 + locked.NewMessages + 2, locked.Events);
        }

        var generation = _generations.GetOrAdd(instance.ExecutionId, id => new Generation(instance.InstanceId, id, _generations.Count));
        generation.Commit(newOrchestrationRuntimeState.Events.Count, locked?.ExecutionId == instance.ExecutionId ? locked.Events : 0);
        generation.ContinueAsNewInputChars = Math.Max(generation.ContinueAsNewInputChars,
            newOrchestrationRuntimeState.Events.OfType<ExecutionStartedEvent>().FirstOrDefault()?.Input?.Length ?? 0);
        return inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages,
            timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        _locked.TryRemove(workItem, out _);
        return inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    private sealed record Locked(string? ExecutionId, int Events, int NewMessages);

    /// <summary>One generation: its largest committed history, and the past events its episodes replayed.</summary>
    public sealed class Generation(string instanceId, string executionId, int sequence)
    {
        private int _events;
        private long _replayed;

        public string InstanceId { get; } = instanceId;

        public string ExecutionId { get; } = executionId;

        public int Sequence { get; } = sequence;

        public int Events => Volatile.Read(ref _events);

        public long Replayed => Interlocked.Read(ref _replayed);

        /// <summary>The length of the input it started with (the ContinueAsNew input after the first).</summary>
        public int ContinueAsNewInputChars { get; set; }

        public void Commit(int events, int replayed)
        {
            lock (this)
            {
                _events = Math.Max(_events, events);
                _replayed += replayed;
            }
        }
    }
}
