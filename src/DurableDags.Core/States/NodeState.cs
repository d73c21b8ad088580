namespace DurableDags.Core.States;

/// <summary>Where a node of one run stands. Wire names are snake_case (see <see cref="WireNames"/>).</summary>
public enum NodeState
{
    Pending,
    Queued,
    Running,
    UpForRetry,
    Waiting,
    Succeeded,
    Failed,
    Skipped,
    UpstreamFailed,
    Cancelled,
}

public static class NodeStateExtensions
{
    /// <summary>Final states never change again within a run.</summary>
    public static bool IsFinal(this NodeState state) => state is NodeState.Succeeded or NodeState.Failed
        or NodeState.Skipped or NodeState.UpstreamFailed or NodeState.Cancelled;
}
