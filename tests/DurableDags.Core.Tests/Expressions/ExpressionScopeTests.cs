using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;

namespace DurableDags.Core.Tests.Expressions;

public class ExpressionScopeTests
{
    [Fact]
    public void A_lazy_root_resolves_only_the_members_an_expression_reads()
    {
        var resolved = new List<string>();
        var wholeBuilt = 0;
        var scope = new ExpressionScope().SetLazy(
            "nodes",
            id =>
            {
                resolved.Add(id);
                return new JsonObject { ["output"] = id.ToUpperInvariant(), ["status"] = "succeeded" };
            },
            () =>
            {
                wholeBuilt++;
                return new JsonObject();
            });

        var value = ExpressionTemplate.Parse("${{ nodes.a.output }}-${{ nodes['b'].status }}").Evaluate(scope);

        Assert.Equal("A-succeeded", value!.GetValue<string>());
        Assert.Equal(["a", "b"], resolved);
        Assert.Equal(0, wholeBuilt);
    }

    [Fact]
    public void A_lazy_root_read_whole_is_built_by_its_factory()
    {
        var scope = new ExpressionScope().SetLazy("nodes", _ => null, () => new JsonObject { ["a"] = 1 });

        Assert.Equal("""{"a":1}""", ExpressionTemplate.Parse("${{ nodes }}").Evaluate(scope)!.ToJsonString());
        Assert.Null(ExpressionTemplate.Parse("${{ nodes.zzz.output }}").Evaluate(scope));
    }

    [Fact]
    public void A_root_set_to_null_is_known_and_reads_as_null()
    {
        var scope = new ExpressionScope().Set("item", null);

        Assert.True(scope.Contains("item"));
        Assert.Null(ExpressionTemplate.Parse("${{ item.id }}").Evaluate(scope));
        Assert.False(scope.Contains("index"));
    }

    [Fact]
    public void Setting_a_root_again_replaces_it()
    {
        var scope = new ExpressionScope().Set("x", 1).Set("x", "two");

        Assert.Equal("two", ExpressionTemplate.Parse("${{ x }}").Evaluate(scope)!.GetValue<string>());
    }

    [Fact]
    public void A_scope_without_direct_member_reads_falls_back_to_the_whole_root()
    {
        var scope = new RootOnlyScope(new JsonObject { ["a"] = new JsonObject { ["b"] = 5 } });

        Assert.Equal(5, ExpressionTemplate.Parse("${{ data.a.b }}").Evaluate(scope)!.GetValue<int>());
        Assert.Contains("unknown name 'other'", Assert.Throws<ExpressionException>(
            () => ExpressionTemplate.Parse("${{ other.a }}").Evaluate(scope)).Message, StringComparison.Ordinal);
    }

    private sealed class RootOnlyScope(JsonNode data) : IExpressionScope
    {
        public bool TryGetRoot(string name, out JsonNode? value)
        {
            value = name == "data" ? data : null;
            return name == "data";
        }

        public bool TryGetMember(string root, string member, out JsonNode? value)
        {
            value = null;
            return false;
        }
    }
}
