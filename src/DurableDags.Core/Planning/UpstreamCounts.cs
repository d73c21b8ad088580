using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>
/// How a node's finished upstreams ended, kept per node and bumped once per finished upstream so
/// that judging a trigger rule never rescans the upstreams. A cancelled upstream counts as failed.
/// </summary>
internal readonly record struct UpstreamCounts(int Succeeded, int Failed, int Skipped, int UpstreamFailed)
{
    public int Done => Succeeded + Failed + Skipped + UpstreamFailed;

    public UpstreamCounts With(NodeState final) => final switch
    {
        NodeState.Succeeded => this with { Succeeded = Succeeded + 1 },
        NodeState.Failed or NodeState.Cancelled => this with { Failed = Failed + 1 },
        NodeState.Skipped => this with { Skipped = Skipped + 1 },
        NodeState.UpstreamFailed => this with { UpstreamFailed = UpstreamFailed + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(final), final, "only final states count"),
    };
}
