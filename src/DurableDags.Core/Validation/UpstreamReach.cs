namespace DurableDags.Core.Validation;

/// <summary>
/// Answers "is X upstream of N, directly or transitively?" without building ancestor sets for
/// every node (V × V). Direct needs answer most reads; the rest walk up from N, never below X's
/// position in the topological order (no node there can lead back to X), marking visits with a
/// stamp so the walk allocates nothing.
/// </summary>
internal sealed class UpstreamReach(NeedsGraph graph)
{
    private readonly int[] _visited = new int[graph.Upstreams.Length];
    private readonly Stack<int> _pending = new();
    private int _stamp;

    public bool IsUpstream(int target, int node)
    {
        var upstreams = graph.Upstreams[node];
        if (Array.IndexOf(upstreams, target) >= 0)
        {
            return true;
        }

        var floor = graph.Position[target];
        if (floor < 0 || graph.Position[node] < 0)
        {
            return true; // on or behind a cycle, which is reported already; do not pile errors on it
        }

        _stamp++;
        _pending.Clear();
        _pending.Push(node);
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
                    _visited[up] = _stamp;
                    _pending.Push(up);
                }
            }
        }

        return false;
    }
}
