using System.Runtime.CompilerServices;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Outages;
using Microsoft.Extensions.Logging;

namespace DurableDags.Engine.Embedded.History;

/// <summary>
/// The history store as running instances use it: every call waits out a storage outage
/// (<see cref="StorageRetry"/>) instead of failing, so an outage of any length pauses an instance
/// where it stands, with its state in memory, and it carries on within seconds of the store coming
/// back. Only a stop of the engine ends the wait. Client calls (start, raise) use the store
/// directly and fail fast.
/// </summary>
internal sealed partial class PatientHistoryStore(IOrchestrationHistoryStore inner, ILogger logger) : IOrchestrationHistoryStore
{
    public Task<OrchestrationInstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        Retry(ct => inner.GetInstanceAsync(instanceId, ct), instanceId, cancellationToken);

    public Task SaveInstanceAsync(OrchestrationInstanceRecord record, CancellationToken cancellationToken) =>
        Retry(ct => inner.SaveInstanceAsync(record, ct), record?.InstanceId, cancellationToken);

    public Task SetActiveAsync(string instanceId, bool active, CancellationToken cancellationToken) =>
        Retry(ct => inner.SetActiveAsync(instanceId, active, ct), instanceId, cancellationToken);

    public async IAsyncEnumerable<string> ListActiveAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = await StorageRetry.UntilAvailableAsync(
            ct => inner.ListActiveAsync(ct).ToListAsync(ct).AsTask(), (e, n) => Waiting(e, n, null), cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            yield return id;
        }
    }

    public Task AppendHistoryAsync(string instanceId, int generation, int firstIndex, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken) =>
        Retry(ct => inner.AppendHistoryAsync(instanceId, generation, firstIndex, events, ct), instanceId, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string instanceId, int generation, CancellationToken cancellationToken) =>
        Retry(ct => inner.ReadHistoryAsync(instanceId, generation, ct), instanceId, cancellationToken);

    public Task DeleteHistoryAsync(string instanceId, int generation, CancellationToken cancellationToken) =>
        Retry(ct => inner.DeleteHistoryAsync(instanceId, generation, ct), instanceId, cancellationToken);

    public Task AddInboxMessageAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken) =>
        Retry(ct => inner.AddInboxMessageAsync(instanceId, message, ct), instanceId, cancellationToken);

    public Task<IReadOnlyList<InboxMessage>> ReadInboxAsync(string instanceId, CancellationToken cancellationToken) =>
        Retry(ct => inner.ReadInboxAsync(instanceId, ct), instanceId, cancellationToken);

    public Task DeleteInboxMessageAsync(string instanceId, string messageId, CancellationToken cancellationToken) =>
        Retry(ct => inner.DeleteInboxMessageAsync(instanceId, messageId, ct), instanceId, cancellationToken);

    public Task<StoredLease?> GetLeaseAsync(string instanceId, CancellationToken cancellationToken) =>
        Retry(ct => inner.GetLeaseAsync(instanceId, ct), instanceId, cancellationToken);

    public Task<string?> WriteLeaseAsync(string instanceId, InstanceLease lease, string? ifMatch, CancellationToken cancellationToken) =>
        Retry(ct => inner.WriteLeaseAsync(instanceId, lease, ifMatch, ct), instanceId, cancellationToken);

    public Task ReleaseLeaseAsync(string instanceId, string ifMatch, CancellationToken cancellationToken) =>
        Retry(ct => inner.ReleaseLeaseAsync(instanceId, ifMatch, ct), instanceId, cancellationToken);

    private Task<T> Retry<T>(Func<CancellationToken, Task<T>> call, string? instanceId, CancellationToken cancellationToken) =>
        StorageRetry.UntilAvailableAsync(call, (e, n) => Waiting(e, n, instanceId), cancellationToken);

    private Task Retry(Func<CancellationToken, Task> call, string? instanceId, CancellationToken cancellationToken) =>
        StorageRetry.UntilAvailableAsync(call, (e, n) => Waiting(e, n, instanceId), cancellationToken);

    private void Waiting(StorageUnavailableException e, int failures, string? instanceId)
    {
        // One line when an instance starts waiting, then one every so often, not one per try.
        if (failures == 1 || failures % 30 == 0)
        {
            LogWaiting(logger, instanceId ?? "(all)", failures, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orchestration instance {InstanceId} waits for storage (try {Failures}): {Reason}")]
    private static partial void LogWaiting(ILogger logger, string instanceId, int failures, string reason);
}
