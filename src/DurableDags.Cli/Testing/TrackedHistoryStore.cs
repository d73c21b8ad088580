using DurableDags.Engine.Embedded.History;

namespace DurableDags.Cli.Testing;

/// <summary>The engine's history store, telling the <see cref="EngineTracker"/> every chunk and inbox message written.</summary>
internal sealed class TrackedHistoryStore(IOrchestrationHistoryStore inner, EngineTracker tracker) : IOrchestrationHistoryStore
{
    public Task<OrchestrationInstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.GetInstanceAsync(instanceId, cancellationToken);

    public Task SaveInstanceAsync(OrchestrationInstanceRecord record, CancellationToken cancellationToken) =>
        inner.SaveInstanceAsync(record, cancellationToken);

    public Task SetActiveAsync(string instanceId, bool active, CancellationToken cancellationToken) =>
        inner.SetActiveAsync(instanceId, active, cancellationToken);

    public IAsyncEnumerable<string> ListActiveAsync(CancellationToken cancellationToken) => inner.ListActiveAsync(cancellationToken);

    public Task AppendHistoryAsync(string instanceId, int generation, int firstIndex, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        tracker.Appended(instanceId, firstIndex, events);
        return inner.AppendHistoryAsync(instanceId, generation, firstIndex, events, cancellationToken);
    }

    public Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string instanceId, int generation, CancellationToken cancellationToken) =>
        inner.ReadHistoryAsync(instanceId, generation, cancellationToken);

    public Task DeleteHistoryAsync(string instanceId, int generation, CancellationToken cancellationToken) =>
        inner.DeleteHistoryAsync(instanceId, generation, cancellationToken);

    public Task AddInboxMessageAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken)
    {
        tracker.InboxAdded(instanceId, message.Id);
        return inner.AddInboxMessageAsync(instanceId, message, cancellationToken);
    }

    public Task<IReadOnlyList<InboxMessage>> ReadInboxAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.ReadInboxAsync(instanceId, cancellationToken);

    public Task DeleteInboxMessageAsync(string instanceId, string messageId, CancellationToken cancellationToken) =>
        inner.DeleteInboxMessageAsync(instanceId, messageId, cancellationToken);

    public Task<StoredLease?> GetLeaseAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.GetLeaseAsync(instanceId, cancellationToken);

    public Task<string?> WriteLeaseAsync(string instanceId, InstanceLease lease, string? ifMatch, CancellationToken cancellationToken) =>
        inner.WriteLeaseAsync(instanceId, lease, ifMatch, cancellationToken);

    public Task ReleaseLeaseAsync(string instanceId, string ifMatch, CancellationToken cancellationToken) =>
        inner.ReleaseLeaseAsync(instanceId, ifMatch, cancellationToken);
}
