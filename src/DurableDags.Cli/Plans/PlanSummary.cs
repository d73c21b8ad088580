using System.Collections.Immutable;
using DurableDags.Core.Planning;

namespace DurableDags.Cli.Plans;

/// <summary>What <c>dags plan</c> shows of one valid DAG: its waves, its longest path and counts.</summary>
internal sealed record PlanSummary(
    string DagId,
    string File,
    int Nodes,
    int Edges,
    int MappedNodes,
    ImmutableArray<ImmutableArray<string>> Waves,
    ImmutableArray<string> LongestPath,
    ImmutableArray<string> Order)
{
    /// <summary>The most nodes of one wave: how many could run at once if parallelism were unbounded.</summary>
    public int WidestWave => Waves.IsEmpty ? 0 : Waves.Max(w => w.Length);

    public static PlanSummary Of(DagGraph graph, string file)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var edges = 0;
        for (var n = 0; n < graph.Count; n++)
        {
            edges += graph.Upstream(n).Length;
        }

        return new PlanSummary(
            graph.Dag.Id,
            file,
            graph.Count,
            edges,
            graph.Dag.Nodes.Count(n => n.IsMapped),
            graph.Waves,
            graph.LongestPath,
            [.. graph.TopologicalOrder.Select(n => graph.Node(n).Id)]);
    }
}
