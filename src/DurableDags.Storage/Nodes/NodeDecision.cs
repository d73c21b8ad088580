namespace DurableDags.Storage.Nodes;

/// <summary>An event that ended a node's wait, as the server received it: which, from whom, when, and whether it approved.</summary>
public sealed record NodeDecision
{
    public required string Event { get; init; }

    public required string By { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>False when the payload was <c>{ "approved": false }</c>.</summary>
    public bool Approved { get; init; } = true;

    public string? Reason { get; init; }
}
