using DurableDags.Core.Alerts;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// Deadlines of the run and its nodes: one durable timer each, armed at the start of every
/// generation (nothing polls). When one fires and its run or node has not ended, an
/// <c>onDeadlineMissed</c> alert goes out; its idempotency key has no attempt, so a deadline
/// re-armed by a later generation alerts once. A deadline fails nothing.
/// </summary>
internal sealed partial class DagRunLoop
{
    private readonly CancellationTokenSource _deadlines = new();

    /// <summary>The run's recorded start and logical date, which deadlines count from.</summary>
    public (DateTimeOffset? StartedAt, DateTimeOffset? LogicalDate) Anchors { get; init; }

    private void ArmDeadlines()
    {
        var dag = planner.Graph.Dag;
        var start = Anchors.StartedAt ?? Now;
        if (dag.Deadline is { } runDeadline && !AlertRules.Resolve(dag.Alerts, null, AlertKind.DeadlineMissed).IsEmpty)
        {
            ArmDeadline(runDeadline.DueAt(start, Anchors.LogicalDate), null);
        }

        foreach (var node in dag.Nodes)
        {
            if (node.Deadline is { } deadline && !AlertRules.Resolve(dag.Alerts, node.Alerts, AlertKind.DeadlineMissed).IsEmpty)
            {
                ArmDeadline(deadline.DueAt(start, Anchors.LogicalDate), node.Id);
            }
        }
    }

    private void ArmDeadline(DateTimeOffset dueAt, string? nodeId)
    {
        _budget.SpendCall();
        var timer = context.CreateTimer(dueAt.UtcDateTime, _deadlines.Token);
        _pending.Add(timer, () =>
        {
            var ended = nodeId is null ? _final is not null : planner.StateOf(nodeId).IsFinal();
            if (!timer.IsCanceled && !ended)
            {
                Alert(AlertDecisions.DeadlineMissed(nodeId, dueAt, input, Now), 1);
            }
        });
    }
}
