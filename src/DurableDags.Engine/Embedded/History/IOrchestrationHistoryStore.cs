namespace DurableDags.Engine.Embedded.History;

/// <summary>
/// Durable state of the embedded orchestration engine: per instance a small record, the history
/// of its current generation written as append-only chunks, an inbox of external events, and,
/// while it is unfinished, an active mark holding the lease that names the engine driving it.
/// </summary>
public interface IOrchestrationHistoryStore
{
    Task<OrchestrationInstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task SaveInstanceAsync(OrchestrationInstanceRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Marks an instance unfinished (resumed at engine start), keeping a mark that exists, or
    /// removes the mark and the lease it holds.
    /// </summary>
    Task SetActiveAsync(string instanceId, bool active, CancellationToken cancellationToken);

    IAsyncEnumerable<string> ListActiveAsync(CancellationToken cancellationToken);

    /// <summary>Writes events as one chunk; <paramref name="firstIndex"/> is the index of its first event in the generation.</summary>
    Task AppendHistoryAsync(string instanceId, int generation, int firstIndex, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken);

    /// <summary>Every event of a generation in order; empty when there is none.</summary>
    Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string instanceId, int generation, CancellationToken cancellationToken);

    Task DeleteHistoryAsync(string instanceId, int generation, CancellationToken cancellationToken);

    Task AddInboxMessageAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken);

    /// <summary>Messages not yet deleted, in id order.</summary>
    Task<IReadOnlyList<InboxMessage>> ReadInboxAsync(string instanceId, CancellationToken cancellationToken);

    Task DeleteInboxMessageAsync(string instanceId, string messageId, CancellationToken cancellationToken);

    /// <summary>The lease in the instance's active mark (<see cref="InstanceLease.None"/> when it holds none); null when it is not marked.</summary>
    Task<StoredLease?> GetLeaseAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the instance's active mark holding the lease (<paramref name="ifMatch"/> null: only
    /// if there is no mark), or replaces the lease (only if the mark's ETag is still
    /// <paramref name="ifMatch"/>); the new ETag, or null when another engine wrote first.
    /// </summary>
    Task<string?> WriteLeaseAsync(string instanceId, InstanceLease lease, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>Empties the lease if the mark's ETag is still <paramref name="ifMatch"/>; the instance stays marked.</summary>
    Task ReleaseLeaseAsync(string instanceId, string ifMatch, CancellationToken cancellationToken);
}
