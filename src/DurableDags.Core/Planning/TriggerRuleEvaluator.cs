using DurableDags.Core.Definitions;

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
