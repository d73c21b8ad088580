using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Validation;

/// <summary>
/// The graph of <c>needs</c>: reports unknown, self and repeated needs and cycles (naming the nodes
/// on each, in order), and gives the valid edges in a topological order. O(V + E).
/// </summary>
internal sealed class NeedsGraph
{
    private NeedsGraph(int[][] upstreams, int[] order, int[] position)
    {
        Upstreams = upstreams;
        Order = order;
        Position = position;
    }

    /// <summary>Valid direct upstreams of each node, by index in <see cref="DagDefinition.Nodes"/>.</summary>
    public int[][] Upstreams { get; }

    /// <summary>Node indexes, upstreams before downstreams; nodes on or behind a cycle are left out.</summary>
    public int[] Order { get; }

    /// <summary>Index of each node in <see cref="Order"/>, or -1 for nodes on or behind a cycle.</summary>
    public int[] Position { get; }

    public static NeedsGraph Build(DagDefinition dag, ValidationReport report)
    {
        var nodes = dag.Nodes;
        var upstreams = new int[nodes.Length][];
        var downstreams = new List<int>[nodes.Length];
        var seen = new HashSet<int>();
        for (var i = 0; i < nodes.Length; i++)
        {
            downstreams[i] ??= [];
            var node = nodes[i];
            var valid = new List<int>(node.Needs.Length);
            seen.Clear();
            for (var k = 0; k < node.Needs.Length; k++)
            {
                var need = node.Needs[k];
                var j = dag.IndexOf(need);
                if (need == node.Id)
                {
                    Report(node, k, $"node '{node.Id}' needs itself; a node cannot wait for its own end");
                }
                else if (j < 0)
                {
                    Report(node, k, $"node '{node.Id}' needs '{need}', which does not exist{report.NodeHint(need, dag)}");
                }
                else if (!seen.Add(j))
                {
                    Report(node, k, $"node '{node.Id}' needs '{need}' twice; list it once");
                }
                else
                {
                    valid.Add(j);
                    (downstreams[j] ??= []).Add(i);
                }
            }

            upstreams[i] = [.. valid];
        }

        // The place of the k-th need: the same id may be listed more than once.
        void Report(NodeDefinition node, int k, string message)
        {
            var occurrence = node.Needs.Take(k).Count(n => n == node.Needs[k]);
            report.AtItem(ValidationReport.NodePointer(node.Id, "needs"), node.Needs[k], occurrence, message);
        }

        var (order, position) = Sort(upstreams, downstreams);
        if (order.Length < nodes.Length)
        {
            ReportCycles(dag, upstreams, position, report);
        }

        return new NeedsGraph(upstreams, order, position);
    }

    /// <summary>Kahn's algorithm; ties keep file order, so the order is stable for a given file.</summary>
    private static (int[] Order, int[] Position) Sort(int[][] upstreams, List<int>[] downstreams)
    {
        var pending = upstreams.Select(u => u.Length).ToArray();
        var position = Enumerable.Repeat(-1, upstreams.Length).ToArray();
        var order = new List<int>(upstreams.Length);
        for (var i = 0; i < upstreams.Length; i++)
        {
            if (pending[i] == 0)
            {
                order.Add(i);
            }
        }

        for (var k = 0; k < order.Count; k++)
        {
            position[order[k]] = k;
            foreach (var d in downstreams[order[k]])
            {
                if (--pending[d] == 0)
                {
                    order.Add(d);
                }
            }
        }

        return ([.. order], position);
    }

    /// <summary>
    /// One message per cycle group (strongly connected component), naming a shortest cycle through
    /// its first node in the file: <c>a -> b -> c -> a</c>, each node running before the next.
    /// </summary>
    private static void ReportCycles(DagDefinition dag, int[][] upstreams, int[] position, ValidationReport report)
    {
        foreach (var component in StronglyConnected.Components(upstreams, position))
        {
            var start = component.Min();
            var inComponent = component.ToHashSet();

            // Breadth-first over upstream edges from the start finds the shortest way back to it.
            var cameFrom = new Dictionary<int, int>();
            var queue = new Queue<int>([start]);
            var last = -1;
            while (queue.Count > 0 && last < 0)
            {
                var current = queue.Dequeue();
                foreach (var up in upstreams[current])
                {
                    if (up == start)
                    {
                        last = current;
                        break;
                    }

                    if (inComponent.Contains(up) && cameFrom.TryAdd(up, current))
                    {
                        queue.Enqueue(up);
                    }
                }
            }

            // From the last node, cameFrom leads on downstream and back to the start.
            var cycle = new List<string> { dag.Nodes[start].Id };
            var closing = last;
            for (var n = last; n != start; n = cameFrom.GetValueOrDefault(n, start))
            {
                cycle.Add(dag.Nodes[n].Id);
                closing = n;
            }

            cycle.Add(dag.Nodes[start].Id);

            // Placed on the need that closes the cycle: the start's need of the last node listed.
            report.AtItem(ValidationReport.NodePointer(dag.Nodes[start].Id, "needs"), dag.Nodes[closing].Id, 0,
                $"needs form a cycle: {string.Join(" -> ", cycle)}; a node on a cycle can never start");
        }
    }
}
