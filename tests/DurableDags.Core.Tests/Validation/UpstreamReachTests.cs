using System.Text;
using DurableDags.Core.Tests.Loading;

namespace DurableDags.Core.Tests.Validation;

public class UpstreamReachTests
{
    /// <summary>A chain n0 -> n1 -> ... where the last node reads <paramref name="read"/>.</summary>
    private static string Chain(int length, string read, string extraNodes = "")
    {
        var text = new StringBuilder("id: chain\nnodes:\n  n0: { type: noop }\n");
        for (var i = 1; i < length; i++)
        {
            var condition = i == length - 1 ? $", if: \"${{{{ nodes.{read}.status == 'succeeded' }}}}\"" : string.Empty;
            text.Append($"  n{i}: {{ type: noop, needs: n{i - 1}{condition} }}\n");
        }

        return text.Append(extraNodes).ToString();
    }

    [Fact]
    public void A_node_far_up_a_long_chain_is_upstream()
    {
        // Past the walk's budget, so the answer comes from the ancestor bitsets.
        Load.Valid(Chain(2_000, "n0"));
    }

    [Fact]
    public void A_node_beside_a_long_chain_is_not_upstream()
    {
        var errors = Load.Errors(Chain(2_000, "side", "  side: { type: noop }\n"));
        Assert.EndsWith("reads nodes.side, which is not upstream of node 'n1999'; add 'side' to its needs (directly or through an upstream), or the read would race",
            Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_below_the_reader_is_not_upstream()
    {
        var errors = Load.Errors("""
            id: x
            nodes:
              a: { type: noop, if: "${{ nodes.b.status }}" }
              b: { type: noop, needs: a }
            """);
        Assert.Equal(["test.yaml:3:35: 'if' of node 'a' reads nodes.b, which is not upstream of node 'a'; add 'b' to its needs (directly or through an upstream), or the read would race"], errors);
    }

    [Fact]
    public void Wide_diamonds_are_walked_once_per_read()
    {
        var text = new StringBuilder("id: wide\nnodes:\n  top: { type: noop }\n");
        var middle = Enumerable.Range(0, 600).Select(i => $"m{i}").ToList();
        foreach (var m in middle)
        {
            text.Append($"  {m}: {{ type: noop, needs: top }}\n");
        }

        text.Append($"  join: {{ type: noop, needs: [{string.Join(", ", middle)}] }}\n");
        text.Append("  last: { type: noop, needs: join, if: \"${{ nodes.top.status == 'succeeded' }}\" }\n");
        Load.Valid(text.ToString());
    }
}
