using DurableDags.Core.Definitions;
using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>
/// Airflow's trigger rules (TriggerRuleDep with flag_upstream_failed, as its scheduler runs it):
/// some rules decide before every upstream is done. The table is in docs/trigger-rules.md.
/// </summary>
internal static class TriggerRuleEvaluator
{
    public static TriggerDecision Decide(TriggerRule rule, UpstreamCounts done, int upstreams)
    {
        if (upstreams == 0 || rule == TriggerRule.Always)
        {
            return TriggerDecision.Run;
        }

        var allDone = done.Done == upstreams;
        var failures = done.Failed + done.UpstreamFailed;
        return rule switch
        {
            TriggerRule.AllSuccess => failures > 0 ? TriggerDecision.UpstreamFailed
                : done.Skipped > 0 ? TriggerDecision.Skip
                : done.Succeeded == upstreams ? TriggerDecision.Run : TriggerDecision.Wait,
            TriggerRule.AllFailed => done.Succeeded + done.Skipped > 0 ? TriggerDecision.Skip
                : failures == upstreams ? TriggerDecision.Run : TriggerDecision.Wait,
            TriggerRule.AllDone => allDone ? TriggerDecision.Run : TriggerDecision.Wait,
            TriggerRule.OneSuccess => done.Succeeded > 0 ? TriggerDecision.Run
                : !allDone ? TriggerDecision.Wait
                : done.Skipped == upstreams ? TriggerDecision.Skip : TriggerDecision.UpstreamFailed,
            TriggerRule.OneFailed => failures > 0 ? TriggerDecision.Run
                : allDone ? TriggerDecision.Skip : TriggerDecision.Wait,
            TriggerRule.NoneFailed => failures > 0 ? TriggerDecision.UpstreamFailed
                : allDone ? TriggerDecision.Run : TriggerDecision.Wait,
            TriggerRule.NoneFailedMinOneSuccess => failures > 0 ? TriggerDecision.UpstreamFailed
                : !allDone ? TriggerDecision.Wait
                : done.Skipped == upstreams ? TriggerDecision.Skip : TriggerDecision.Run,
            TriggerRule.NoneSkipped => done.Skipped > 0 ? TriggerDecision.Skip
                : allDone ? TriggerDecision.Run : TriggerDecision.Wait,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown trigger rule"),
        };
    }
}

/// <summary>What a trigger rule says about a node, given the upstreams finished so far.</summary>
internal enum TriggerDecision
{
    /// <summary>Not decided yet; more upstreams must finish.</summary>
    Wait,

    Run,

    /// <summary>The rule can no longer be met and ends the node skipped.</summary>
    Skip,

    /// <summary>The rule can no longer be met and ends the node upstream_failed.</summary>
    UpstreamFailed,
}

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
