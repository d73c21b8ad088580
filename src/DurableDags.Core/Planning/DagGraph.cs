using System.Collections.Immutable;
using DurableDags.Core.Definitions;

namespace DurableDags.Core.Planning;

/// <summary>
/// The shape of a DAG as int ids (positions in file order) and adjacency arrays, built once per
/// <see cref="DagDefinition"/> and shared by every run of it. Also the parallel waves and the
/// longest path that <c>dags plan</c> prints.
/// </summary>
public sealed class DagGraph
{
    // Compressed adjacency: the upstreams of node i are _up[_upStart[i].._upStart[i + 1]].
    private readonly int[] _upStart;
    private readonly int[] _up;
    private readonly int[] _downStart;
    private readonly int[] _down;
    private readonly int[] _depth;

    private DagGraph(DagDefinition dag, int[] upStart, int[] up, int[] downStart, int[] down, int[] order, int[] depth)
    {
        Dag = dag;
        _upStart = upStart;
        _up = up;
        _downStart = downStart;
        _down = down;
        _depth = depth;
        TopologicalOrder = [.. order];
        Waves = BuildWaves(dag, depth);
        LongestPath = BuildLongestPath();
    }

    public DagDefinition Dag { get; }

    public int Count => _depth.Length;

    /// <summary>Node positions so that every node comes after its upstreams; file order breaks ties.</summary>
    public ImmutableArray<int> TopologicalOrder { get; }

    /// <summary>
    /// Node ids grouped by the longest chain of upstreams before them: wave 0 holds the nodes
    /// without upstreams, and every node of wave k may run once waves before it are done.
    /// </summary>
    public ImmutableArray<ImmutableArray<string>> Waves { get; }

    /// <summary>A chain of the most nodes that must run one after another (the first in file order when several tie).</summary>
    public ImmutableArray<string> LongestPath { get; }

    /// <summary>
    /// Builds the graph. Needs that name unknown nodes, and cycles, are errors here too, because
    /// a planner over such a graph would wait forever; validation reports them to users first.
    /// </summary>
    public static DagGraph Build(DagDefinition dag)
    {
        ArgumentNullException.ThrowIfNull(dag);
        var nodes = dag.Nodes;
        var upStart = new int[nodes.Length + 1];
        var up = new List<int>();
        var seen = new int[nodes.Length];
        Array.Fill(seen, -1);
        for (var i = 0; i < nodes.Length; i++)
        {
            upStart[i] = up.Count;
            foreach (var need in nodes[i].Needs)
            {
                var u = dag.IndexOf(need);
                if (u < 0)
                {
                    throw new ArgumentException($"DAG '{dag.Id}': node '{nodes[i].Id}' needs '{need}', which does not exist", nameof(dag));
                }

                // A repeated need is one upstream, not two votes in the trigger rule.
                if (seen[u] != i)
                {
                    seen[u] = i;
                    up.Add(u);
                }
            }
        }

        upStart[nodes.Length] = up.Count;
        var upArray = up.ToArray();
        var (downStart, down) = Reverse(upStart, upArray);
        var (order, depth) = Sort(dag, upStart, upArray, downStart, down);
        return new DagGraph(dag, upStart, upArray, downStart, down, order, depth);
    }

    public NodeDefinition Node(int index) => Dag.Nodes[index];

    /// <summary>Position of a node, or -1.</summary>
    public int IndexOf(string nodeId) => Dag.IndexOf(nodeId);

    /// <summary>Direct upstreams of a node, without repeats.</summary>
    public ReadOnlySpan<int> Upstream(int index) => _up.AsSpan(_upStart[index], _upStart[index + 1] - _upStart[index]);

    /// <summary>Direct downstreams of a node, in file order.</summary>
    public ReadOnlySpan<int> Downstream(int index) => _down.AsSpan(_downStart[index], _downStart[index + 1] - _downStart[index]);

    /// <summary>The wave a node belongs to (see <see cref="Waves"/>).</summary>
    public int Depth(int index) => _depth[index];

    private static (int[] Start, int[] Edges) Reverse(int[] upStart, int[] up)
    {
        var count = upStart.Length - 1;
        var start = new int[count + 1];
        foreach (var u in up)
        {
            start[u + 1]++;
        }

        for (var i = 0; i < count; i++)
        {
            start[i + 1] += start[i];
        }

        // Filling in node order keeps each downstream list in file order.
        var next = start[..count];
        var edges = new int[up.Length];
        for (var i = 0; i < count; i++)
        {
            for (var e = upStart[i]; e < upStart[i + 1]; e++)
            {
                edges[next[up[e]]++] = i;
            }
        }

        return (start, edges);
    }

    private static (int[] Order, int[] Depth) Sort(DagDefinition dag, int[] upStart, int[] up, int[] downStart, int[] down)
    {
        var count = upStart.Length - 1;
        var missing = new int[count];
        var order = new int[count];
        var depth = new int[count];
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            missing[i] = upStart[i + 1] - upStart[i];
            if (missing[i] == 0)
            {
                order[length++] = i;
            }
        }

        for (var head = 0; head < length; head++)
        {
            var n = order[head];
            for (var e = downStart[n]; e < downStart[n + 1]; e++)
            {
                var d = down[e];
                depth[d] = Math.Max(depth[d], depth[n] + 1);
                if (--missing[d] == 0)
                {
                    order[length++] = d;
                }
            }
        }

        if (length < count)
        {
            var stuck = Enumerable.Range(0, count).Where(i => missing[i] > 0).Select(i => $"'{dag.Nodes[i].Id}'");
            throw new ArgumentException($"DAG '{dag.Id}' has a cycle; these nodes are on it or after it: {string.Join(", ", stuck)}", nameof(dag));
        }

        return (order, depth);
    }

    private static ImmutableArray<ImmutableArray<string>> BuildWaves(DagDefinition dag, int[] depth)
    {
        var waves = new List<ImmutableArray<string>.Builder>();
        for (var i = 0; i < depth.Length; i++)
        {
            while (waves.Count <= depth[i])
            {
                waves.Add(ImmutableArray.CreateBuilder<string>());
            }

            waves[depth[i]].Add(dag.Nodes[i].Id);
        }

        return [.. waves.Select(w => w.ToImmutable())];
    }

    private ImmutableArray<string> BuildLongestPath()
    {
        if (Count == 0)
        {
            return [];
        }

        var last = 0;
        for (var i = 1; i < Count; i++)
        {
            last = _depth[i] > _depth[last] ? i : last;
        }

        // Walk back through an upstream one wave earlier; one always exists by how depth is made.
        var path = new string[_depth[last] + 1];
        for (var n = last; ; )
        {
            path[_depth[n]] = Node(n).Id;
            if (_depth[n] == 0)
            {
                break;
            }

            var previous = n;
            foreach (var u in Upstream(previous))
            {
                if (_depth[u] == _depth[previous] - 1)
                {
                    n = u;
                    break;
                }
            }
        }

        return [.. path];
    }
}
