using DurableDags.Core.Planning;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// The node's <c>timeout</c>: one durable timer per attempt, raced with its steps and waits. What
/// it ends the attempt as is <see cref="AttemptTimeout"/>'s pure decision: a failure the node may
/// retry, or a sensor's final failure or skip.
/// </summary>
internal sealed partial class DagRunLoop
{
    private void ArmTimeout(LiveAttempt live)
    {
        if (live.Progress.TimeoutAt is not { } at || !_budget.TrySpend(_callsInFlight))
        {
            return;
        }

        var timer = context.CreateTimer(at, live.Lifetime.Token);
        _pending.Add(timer, () =>
        {
            if (!timer.IsCanceled && IsCurrent(live))
            {
                var timedOut = AttemptTimeout.Of(planner.Graph.Node(planner.Graph.IndexOf(live.Progress.Key.NodeId)), live.Progress.Attempt);
                if (timedOut.Final)
                {
                    // A sensor's timeout is its answer: written with its reason, and not retried.
                    Settle(live, timedOut.State, output: null, timedOut.Error, mark: null);
                    return;
                }

                var child = live.Progress is { Phase: AttemptPhase.AwaitingChildRun, ChildRun: { } waited } ? waited : null;
                End(live, new AttemptFailed(live.Progress.Key, Now, timedOut.Error), here: true);
                if (child is not null)
                {
                    // The attempt gave up on its child run; left going, nothing would ever own or cancel it.
                    CancelChildren([child]);
                }
            }
        });
    }
}
