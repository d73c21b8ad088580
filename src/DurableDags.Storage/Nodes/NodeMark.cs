using DurableDags.Core.States;

namespace DurableDags.Storage.Nodes;

/// <summary>A node's state set by hand rather than by running it: to what, why, by whom and when.</summary>
public sealed record NodeMark
{
    public required string NodeId { get; init; }

    public required NodeState State { get; init; }

    public string? Reason { get; init; }

    public required string By { get; init; }

    public required DateTimeOffset At { get; init; }
}
