namespace DurableDags.Engine.Embedded.History;

/// <summary>
/// Durable state of the embedded orchestration engine: per instance a small record, the history
/// of its current generation written as append-only chunks, and an inbox of external events.
/// One engine uses a store at a time.
/// </summary>
public interface IOrchestrationHistoryStore
{
    Task<OrchestrationInstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    Task SaveInstanceAsync(OrchestrationInstanceRecord record, CancellationToken cancellationToken);

    /// <summary>Marks an instance unfinished (resumed at engine start) or removes the mark.</summary>
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
}
