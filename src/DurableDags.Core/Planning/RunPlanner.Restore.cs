using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>Continuing a run from a snapshot, and rerunning part of a finished one.</summary>
public sealed partial class RunPlanner
{
    /// <summary>
    /// A planner that continues exactly where <paramref name="snapshot"/> was taken (after a
    /// restart, or across ContinueAsNew). The graph must be of the same DAG, nodes in the same order.
    /// </summary>
    public static RunPlanner Restore(DagGraph graph, PlannerSnapshot snapshot, PlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckDag(graph, snapshot);
        if (snapshot.Nodes.Length != graph.Count)
        {
            throw new ArgumentException($"the snapshot has {snapshot.Nodes.Length} nodes but DAG '{graph.Dag.Id}' has {graph.Count}; it was taken of another version of the DAG", nameof(snapshot));
        }

        var planner = new RunPlanner(graph, options);
        for (var n = 0; n < graph.Count; n++)
        {
            var node = snapshot.Nodes[n];
            var id = graph.Node(n).Id;
            if (node.Id != id || !Fits(node, graph.Node(n).IsMapped))
            {
                throw new ArgumentException($"node {n} of the snapshot is '{node.Id}' but node '{id}' of DAG '{graph.Dag.Id}' is not like it; the snapshot was taken of another version of the DAG", nameof(snapshot));
            }

            planner._nodes[n] = NodeRun.From(node, graph.Node(n).IsMapped);
        }

        planner._state = snapshot.State;
        planner._cancelRequested = snapshot.CancelRequested;
        planner._clock = snapshot.Clock;
        foreach (var key in snapshot.Queue)
        {
            planner._queue.Enqueue(planner.Locate(key));
        }

        planner.Recount();
        return planner;
    }

    /// <summary>
    /// A new run that keeps the state of every node of the finished run <paramref name="previous"/>
    /// it does not clear (the caller keeps their outputs), and runs the cleared ones again:
    /// <paramref name="from"/> clears that node and everything downstream; <paramref name="failedOnly"/>
    /// clears failed, upstream_failed and cancelled nodes (within <paramref name="from"/>'s downstream
    /// when both are given) and everything downstream of them; neither clears every node. Nodes
    /// the previous run did not have are cleared too. Call <see cref="Start"/> next.
    /// </summary>
    public static RunPlanner ForRerun(DagGraph graph, PlannerSnapshot previous, string? from = null, bool failedOnly = false, PlannerOptions? options = null) =>
        Rerun(graph, previous, from, failedOnly, marked: null, options);

    private static RunPlanner Rerun(DagGraph graph, PlannerSnapshot previous, string? from, bool failedOnly, NodeSnapshot? marked, PlannerOptions? options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(previous);
        CheckDag(graph, previous);
        if (!previous.State.IsFinal())
        {
            throw new ArgumentException($"the previous run of DAG '{graph.Dag.Id}' is {WireNames.Of(previous.State)}; only a finished run can be rerun", nameof(previous));
        }

        var kept = previous.Nodes.ToDictionary(node => node.Id, StringComparer.Ordinal);
        var fresh = new bool[graph.Count];
        for (var n = 0; n < graph.Count; n++)
        {
            fresh[n] = !kept.TryGetValue(graph.Node(n).Id, out var old) || !Fits(old, graph.Node(n).IsMapped) || !old.State.IsFinal();
        }

        var cleared = RerunSelection.Clear(graph, fresh, n => kept[graph.Node(n).Id].State, from, failedOnly);
        if (marked is not null)
        {
            // The marked node keeps its new state; only its downstream runs again.
            kept[marked.Id] = marked;
            cleared[graph.IndexOf(marked.Id)] = false;
        }

        var planner = new RunPlanner(graph, options);
        for (var n = 0; n < graph.Count; n++)
        {
            if (!cleared[n])
            {
                planner._nodes[n] = NodeRun.From(kept[graph.Node(n).Id], graph.Node(n).IsMapped);
            }
        }

        planner.Recount();
        return planner;
    }

    private static void CheckDag(DagGraph graph, PlannerSnapshot snapshot)
    {
        if (snapshot.Version != PlannerSnapshot.CurrentVersion)
        {
            throw new ArgumentException($"snapshot version {snapshot.Version} is not supported; this planner reads version {PlannerSnapshot.CurrentVersion}", nameof(snapshot));
        }

        if (!string.Equals(snapshot.DagId, graph.Dag.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the snapshot is of DAG '{snapshot.DagId}', not '{graph.Dag.Id}'", nameof(snapshot));
        }
    }

    /// <summary>Whether a stored node has the shape of a plain or a mapped node.</summary>
    private static bool Fits(NodeSnapshot node, bool mapped) => mapped
        ? node.Instances.All(i => i.Index is not null)
        : node.Instances is [{ Index: null }];

    /// <summary>Derives the counters a snapshot does not store; O(V + E).</summary>
    private void Recount()
    {
        for (var n = 0; n < _nodes.Length; n++)
        {
            var node = _nodes[n];
            _running += node.Instances.Count(i => i.State == NodeState.Running);
            if (!node.State.IsFinal())
            {
                continue;
            }

            _finalNodes++;
            foreach (var d in _graph.Downstream(n))
            {
                _nodes[d].Upstream = _nodes[d].Upstream.With(node.State);
            }
        }
    }
}
