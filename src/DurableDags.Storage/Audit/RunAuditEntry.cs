namespace DurableDags.Storage.Audit;

/// <summary>Something a person or a system did to a run (triggered, cancelled, sent an event, reran it), and who.</summary>
public sealed record RunAuditEntry
{
    /// <summary>
    /// <c>cancel_requested</c>, <c>event_sent</c> or <c>rerun_requested</c>; <c>triggered</c> in runs triggered
    /// before the run record kept who triggered it (<see cref="Runs.RunTrigger.Actor"/>).
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>The caller, as the API knows them: an API key's name, or the signed-in user.</summary>
    public required string Actor { get; init; }

    /// <summary>The event's name, the rerun's new run id, or what else says what was done.</summary>
    public string? Detail { get; init; }

    public required DateTimeOffset At { get; init; }
}
