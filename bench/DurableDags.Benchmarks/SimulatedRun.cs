using DurableDags.Core.Planning;
using DurableDags.Core.States;

namespace DurableDags.Benchmarks;

/// <summary>
/// Drives a <see cref="RunPlanner"/> through a whole run in which every node succeeds at once:
/// each <see cref="StartAttempt"/> is answered by its success and each <see cref="ResolveNode"/>
/// by "run", in the order the planner asks. This is the planner's own cost, without operators.
/// </summary>
public static class SimulatedRun
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs to the end and returns the final state and how many attempts ran.</summary>
    public static (RunState State, int Attempts) Run(DagGraph graph)
    {
        var planner = new RunPlanner(graph);
        var pending = new Queue<PlanAction>(planner.Start(At));
        var attempts = 0;
        while (pending.TryDequeue(out var action))
        {
            IReadOnlyList<PlanAction> next;
            switch (action)
            {
                case StartAttempt start:
                    attempts++;
                    next = planner.Apply(new AttemptSucceeded(start.Key, At));
                    break;
                case ResolveNode resolve:
                    next = planner.Apply(new Resolved(resolve.NodeId, Run: true));
                    break;
                case RunCompleted completed:
                    return (completed.State, attempts);
                default:
                    throw new InvalidOperationException($"the simulated run did not expect {action}");
            }

            foreach (var followUp in next)
            {
                pending.Enqueue(followUp);
            }
        }

        throw new InvalidOperationException($"the run of '{graph.Dag.Id}' stopped before it completed, after {attempts} attempts");
    }
}
