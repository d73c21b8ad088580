using System.Text;
using DurableDags.Core.Tests.Loading;

namespace DurableDags.Core.Tests.Validation;

public class NeedsGraphTests
{
    [Fact]
    public void A_cycle_names_its_nodes_in_order_at_the_need_that_closes_it()
    {
        Assert.Equal(["test.yaml:3:28: needs form a cycle: a -> c -> b -> a; a node on a cycle can never start"], Load.Errors("""
            id: x
            nodes:
              a: { type: noop, needs: [b] }
              b: { type: noop, needs: c }
              c: { type: noop, needs: a }
            """));
    }

    [Fact]
    public void Each_separate_cycle_is_reported_once_and_nodes_behind_them_are_not()
    {
        Assert.Equal(
        [
            "test.yaml:4:35: needs form a cycle: a -> b -> a; a node on a cycle can never start",
            "test.yaml:6:27: needs form a cycle: c -> d -> c; a node on a cycle can never start",
        ], Load.Errors("""
            id: x
            nodes:
              start: { type: noop }
              a: { type: noop, needs: [start, b] }
              b: { type: noop, needs: a }
              c: { type: noop, needs: d }
              d: { type: noop, needs: c }
              after: { type: noop, needs: [b, d] }
            """));
    }

    [Fact]
    public void The_shortest_cycle_through_the_first_node_is_named()
    {
        var errors = Load.Errors("""
            id: x
            nodes:
              a: { type: noop, needs: [d, b] }
              b: { type: noop, needs: c }
              c: { type: noop, needs: d }
              d: { type: noop, needs: a }
            """);
        Assert.Equal(["test.yaml:3:28: needs form a cycle: a -> d -> a; a node on a cycle can never start"], errors);
    }

    [Fact]
    public void Self_unknown_and_repeated_needs_are_each_reported_at_the_item()
    {
        Assert.Equal(
        [
            "test.yaml:4:31: node 'load' needs itself; a node cannot wait for its own end",
            "test.yaml:4:37: node 'load' needs 'fetchh', which does not exist; did you mean 'fetch'?",
            "test.yaml:4:52: node 'load' needs 'fetch' twice; list it once",
        ], Load.Errors("""
            id: x
            nodes:
              fetch: { type: noop }
              load: { type: noop, needs: [load, fetchh, fetch, fetch] }
            """));
    }

    [Fact]
    public void A_chain_of_ten_thousand_nodes_with_a_cycle_does_not_overflow_the_stack()
    {
        var text = new StringBuilder("id: chain\nnodes:\n  n0: { type: noop, needs: n9999 }\n");
        for (var i = 1; i < 10_000; i++)
        {
            text.Append($"  n{i}: {{ type: noop, needs: n{i - 1} }}\n");
        }

        var error = Assert.Single(Load.Errors(text.ToString()));
        Assert.StartsWith("test.yaml:3:28: needs form a cycle: n0 -> n1 -> n2 -> ", error, StringComparison.Ordinal);
        Assert.EndsWith("-> n9999 -> n0; a node on a cycle can never start", error, StringComparison.Ordinal);
    }
}
