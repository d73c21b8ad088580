using DurableDags.Core.Planning;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

public class DagGraphTests
{
    private static readonly DurableDags.Core.Definitions.DagDefinition Diamond = Dag(
        Node("extract"),
        Node("config"),
        Node("clean", "extract"),
        Node("enrich", "extract", "config"),
        Node("join", "clean", "enrich"),
        Node("report", "join"),
        Node("audit", "extract"));

    [Fact]
    public void Waves_group_nodes_by_their_longest_chain_of_upstreams_in_file_order()
    {
        var graph = DagGraph.Build(Diamond);

        Assert.Equal(
            [["extract", "config"], ["clean", "enrich", "audit"], ["join"], ["report"]],
            graph.Waves.Select(w => w.ToArray()).ToArray());
    }

    [Fact]
    public void Longest_path_runs_from_a_root_to_the_deepest_node()
    {
        Assert.Equal(["extract", "clean", "join", "report"], DagGraph.Build(Diamond).LongestPath.ToArray());
    }

    [Fact]
    public void Adjacency_lists_both_directions_with_downstreams_in_file_order()
    {
        var graph = DagGraph.Build(Diamond);
        var id = (int n) => graph.Node(n).Id;

        Assert.Equal(["clean", "enrich", "audit"], graph.Downstream(graph.IndexOf("extract")).ToArray().Select(id));
        Assert.Equal(["extract", "config"], graph.Upstream(graph.IndexOf("enrich")).ToArray().Select(id));
        Assert.Empty(graph.Upstream(graph.IndexOf("config")).ToArray());
    }

    [Fact]
    public void Topological_order_puts_every_node_after_its_upstreams()
    {
        var graph = DagGraph.Build(Diamond);
        var position = new int[graph.Count];
        for (var p = 0; p < graph.Count; p++)
        {
            position[graph.TopologicalOrder[p]] = p;
        }

        for (var n = 0; n < graph.Count; n++)
        {
            foreach (var u in graph.Upstream(n).ToArray())
            {
                Assert.True(position[u] < position[n], $"{graph.Node(u).Id} comes after {graph.Node(n).Id}");
            }
        }
    }

    [Fact]
    public void A_need_written_twice_is_one_upstream()
    {
        var graph = DagGraph.Build(Dag(Node("a"), Node("b", "a", "a")));

        Assert.Equal(1, graph.Upstream(1).Length);
        Assert.Equal(1, graph.Downstream(0).Length);
    }

    [Fact]
    public void A_need_of_an_unknown_node_is_refused_with_both_names()
    {
        var error = Assert.Throws<ArgumentException>(() => DagGraph.Build(Dag(Node("a"), Node("b", "carrier"))));

        Assert.Contains("node 'b' needs 'carrier', which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_is_refused_naming_the_nodes_it_blocks()
    {
        var error = Assert.Throws<ArgumentException>(() => DagGraph.Build(Dag(Node("a"), Node("b", "a", "c"), Node("c", "b"), Node("d", "c"))));

        Assert.Contains("has a cycle", error.Message, StringComparison.Ordinal);
        Assert.Contains("'b', 'c', 'd'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_dag_has_no_waves_and_no_path()
    {
        var graph = DagGraph.Build(Dag());

        Assert.Empty(graph.Waves);
        Assert.Empty(graph.LongestPath);
    }
}
