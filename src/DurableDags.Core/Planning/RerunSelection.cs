using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>Which nodes a rerun clears (see <see cref="RunPlanner.ForRerun"/>).</summary>
internal static class RerunSelection
{
    public static bool[] Clear(DagGraph graph, bool[] fresh, Func<int, NodeState> previousState, string? from, bool failedOnly)
    {
        var start = -1;
        if (from is not null && (start = graph.IndexOf(from)) < 0)
        {
            throw new ArgumentException($"DAG '{graph.Dag.Id}' has no node '{from}' to rerun from", nameof(from));
        }

        if (start < 0 && !failedOnly)
        {
            var all = new bool[graph.Count];
            Array.Fill(all, true);
            return all;
        }

        var scope = start < 0 ? null : Downstream(graph, [start]);
        var seeds = new List<int>();
        for (var n = 0; n < graph.Count; n++)
        {
            var seed = fresh[n]
                || (failedOnly
                    ? (scope is null || scope[n]) && previousState(n) is NodeState.Failed or NodeState.UpstreamFailed or NodeState.Cancelled
                    : n == start);
            if (seed)
            {
                seeds.Add(n);
            }
        }

        return Downstream(graph, seeds);
    }

    /// <summary>The seeds and every node downstream of them.</summary>
    private static bool[] Downstream(DagGraph graph, List<int> seeds)
    {
        var marked = new bool[graph.Count];
        var stack = new Stack<int>(seeds);
        foreach (var seed in seeds)
        {
            marked[seed] = true;
        }

        while (stack.TryPop(out var n))
        {
            foreach (var d in graph.Downstream(n))
            {
                if (!marked[d])
                {
                    marked[d] = true;
                    stack.Push(d);
                }
            }
        }

        return marked;
    }
}
