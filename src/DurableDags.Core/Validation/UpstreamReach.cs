namespace DurableDags.Core.Validation;

/// <summary>
/// Answers "is X upstream of N, directly or transitively?" in three steps, cheapest first:
/// N's direct needs; a walk up from N that never goes below X in the topological order (no node
/// there can lead back to X), given a small budget of visits; and, for walks that run out of
/// budget, ancestor bitsets indexed by topological position. The bitsets are built once, only
/// up to the positions asked about, so a DAG whose nodes read near upstreams never pays for them.
/// </summary>
internal sealed class UpstreamReach(NeedsGraph graph)
{
    private const int WalkBudget = 256;

    private readonly int[] _visited = new int[graph.Upstreams.Length];
    private readonly Stack<int> _pending = new();
    private ulong[]?[]? _ancestors;
    private int _builtUpTo;
    private int _stamp;

    public bool IsUpstream(int target, int node)
    {
        if (Array.IndexOf(graph.Upstreams[node], target) >= 0)
        {
            return true;
        }

        var floor = graph.Position[target];
        var position = graph.Position[node];
        if (floor < 0 || position < 0)
        {
            return true; // on or behind a cycle, which is reported already; do not pile errors on it
        }

        if (floor > position)
        {
            return false;
        }

        return Walk(target, node, floor) ?? Ancestors(node)[floor >> 6] is var word && (word & (1UL << (floor & 63))) != 0;
    }

    /// <summary>True or false when the walk finished within its budget; null when it ran out.</summary>
    private bool? Walk(int target, int node, int floor)
    {
        _stamp++;
        _pending.Clear();
        _pending.Push(node);
        var budget = WalkBudget;
        while (_pending.Count > 0)
        {
            foreach (var up in graph.Upstreams[_pending.Pop()])
            {
                if (up == target)
                {
                    return true;
                }

                if (graph.Position[up] > floor && _visited[up] != _stamp)
                {
                    if (--budget == 0)
                    {
                        return null;
                    }

                    _visited[up] = _stamp;
                    _pending.Push(up);
                }
            }
        }

        return false;
    }

    /// <summary>Bit p set when the node at topological position p is upstream of <paramref name="node"/>.</summary>
    private ulong[] Ancestors(int node)
    {
        _ancestors ??= new ulong[]?[graph.Upstreams.Length];
        var position = graph.Position[node];
        for (; _builtUpTo <= position; _builtUpTo++)
        {
            var current = graph.Order[_builtUpTo];
            var bits = new ulong[(_builtUpTo >> 6) + 1];
            foreach (var up in graph.Upstreams[current])
            {
                var upBits = _ancestors[up]!;
                for (var w = 0; w < upBits.Length; w++)
                {
                    bits[w] |= upBits[w];
                }

                var p = graph.Position[up];
                bits[p >> 6] |= 1UL << (p & 63);
            }

            _ancestors[current] = bits;
        }

        return _ancestors[node]!;
    }
}
