using System.Collections.Immutable;
using DurableDags.Core.Alerts;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// Which planner events and actions call for an alert, decided from the DAG's <c>alerts</c> and
/// the planner's state alone (pure, so replays decide alike). Only kinds that have a target are
/// scheduled: a DAG without <c>alerts</c> adds nothing to history.
/// </summary>
internal static class AlertDecisions
{
    /// <summary>A failed attempt that ended its node (no retry left), or a node whose <c>if</c>/<c>foreach</c> failed.</summary>
    public static SendAlertInput? After(PlanEvent planEvent, RunPlanner planner, DagRunInput input, DateTimeOffset now)
    {
        switch (planEvent)
        {
            case AttemptFailed failed when planner.StateOf(failed.Key) == NodeState.Failed:
                return NodeAlert(planner, input, failed.Key, AlertKind.NodeFailed, now) is { } alert
                    ? alert with { Attempt = planner.Instance(failed.Key).Attempts, Reason = failed.Error }
                    : null;
            case ResolveFailed resolve:
                return NodeAlert(planner, input, new NodeKey(resolve.NodeId), AlertKind.NodeFailed, now) is { } resolved
                    ? resolved with { Reason = resolve.Error }
                    : null;
            default:
                return null;
        }
    }

    /// <summary>An attempt failed and the planner scheduled the next one.</summary>
    public static SendAlertInput? Of(ScheduleRetry retry, RunPlanner planner, DagRunInput input, DateTimeOffset now) =>
        NodeAlert(planner, input, retry.Key, AlertKind.Retry, now) is { } alert
            ? alert with { Attempt = retry.NextAttempt - 1, Reason = planner.Instance(retry.Key).Error, NextRetryAt = retry.DueAt }
            : null;

    /// <summary>The run's own alerts once it ended: failed, or succeeded (and maybe recovered, which the activity judges).</summary>
    public static IEnumerable<SendAlertInput> AtEnd(RunState state, string? error, ImmutableArray<string> failed, RunPlanner planner, DagRunInput input, DateTimeOffset now)
    {
        AlertKind[] kinds = state switch
        {
            RunState.Failed => [AlertKind.RunFailed],
            RunState.Succeeded => [AlertKind.Success, AlertKind.Recovery],
            _ => [],
        };
        var rules = planner.Graph.Dag.Alerts;
        return kinds.Where(kind => !AlertRules.Resolve(rules, null, kind).IsEmpty)
            .Select(kind => Event(input, kind, now) with { Reason = error, FailedNodes = failed });
    }

    /// <summary>The run (<paramref name="nodeId"/> null) or a node had not ended by <paramref name="dueAt"/>.</summary>
    public static SendAlertInput DeadlineMissed(string? nodeId, DateTimeOffset dueAt, DagRunInput input, DateTimeOffset now) =>
        Event(input, AlertKind.DeadlineMissed, now) with { NodeId = nodeId, DeadlineAt = dueAt };

    private static SendAlertInput? NodeAlert(RunPlanner planner, DagRunInput input, NodeKey key, AlertKind kind, DateTimeOffset now)
    {
        var node = planner.Graph.Node(planner.Graph.IndexOf(key.NodeId));
        return AlertRules.Resolve(planner.Graph.Dag.Alerts, node.Alerts, kind).IsEmpty
            ? null
            : Event(input, kind, now) with { NodeId = key.NodeId, MapIndex = key.Index, FailedNodes = [key.NodeId] };
    }

    private static SendAlertInput Event(DagRunInput input, AlertKind kind, DateTimeOffset now) =>
        new() { DagId = input.DagId, RunId = input.RunId, DagHash = input.DagHash, Kind = kind, At = now };
}
