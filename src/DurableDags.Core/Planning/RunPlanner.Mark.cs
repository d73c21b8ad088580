using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>Marking a node of a finished run succeeded or failed.</summary>
public sealed partial class RunPlanner
{
    /// <summary>
    /// A new run that keeps the finished run <paramref name="previous"/> as a rerun from
    /// <paramref name="nodeId"/> would, except that node: it ends <paramref name="state"/> at
    /// <paramref name="at"/> (with <paramref name="error"/> when failed) and is not run again, and
    /// everything downstream of it runs again, so the trigger rules decide with its new state.
    /// Call <see cref="Start"/> next.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// No such node, a <c>foreach</c> node (its instances would each need a state), a state other
    /// than succeeded or failed, or a run that has not finished.
    /// </exception>
    public static RunPlanner ForMark(DagGraph graph, PlannerSnapshot previous, string nodeId, NodeState state, DateTimeOffset at, string? error, PlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(previous);
        if (state is not (NodeState.Succeeded or NodeState.Failed))
        {
            throw new ArgumentException($"a node can be marked succeeded or failed, not {WireNames.Of(state)}", nameof(state));
        }

        var index = graph.IndexOf(nodeId);
        if (index < 0)
        {
            throw new ArgumentException($"DAG '{graph.Dag.Id}' has no node '{nodeId}' to mark", nameof(nodeId));
        }

        if (graph.Node(index).IsMapped)
        {
            throw new ArgumentException($"node '{nodeId}' is a foreach node; mark a node that runs once, or rerun from it", nameof(nodeId));
        }

        var old = previous.Nodes.FirstOrDefault(n => n.Id == nodeId)?.Instances.FirstOrDefault();
        var reason = state == NodeState.Failed ? error : null;
        var marked = new NodeSnapshot
        {
            Id = nodeId,
            State = state,
            Error = reason,
            EndedAt = at,
            Instances = [new InstanceSnapshot { State = state, Attempts = old?.Attempts ?? 0, Error = reason, StartedAt = old?.StartedAt, EndedAt = at }],
        };
        return Rerun(graph, previous, nodeId, failedOnly: false, marked, options);
    }
}
