using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;

namespace DurableDags.Core.Tests.Expressions;

public class ExpressionNodeTests
{
    [Theory]
    [InlineData("'it''s'", "\"it's\"")]
    [InlineData("''", "\"\"")]
    [InlineData("'Żółw'", "\"Żółw\"")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("1.50", "1.50")]
    [InlineData("2e3", "2000")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", "null")]
    [InlineData("[]", "[]")]
    [InlineData("[1, 'a', [true, null], item.id]", "[1,\"a\",[true,null],\"c1\"]")]
    public void Literals_evaluate_to_their_JSON_values(string expression, string json)
    {
        Assert.Equal(json, Evaluate.Json(expression));
    }

    [Theory]
    [InlineData("item.id", "\"c1\"")]
    [InlineData("item['id']", "\"c1\"")]
    [InlineData("params.tags[0]", "\"a\"")]
    [InlineData("params['tags'][1]", "\"b\"")]
    [InlineData("params.tags[1.0]", "\"b\"")]
    [InlineData("(params).date", "\"2026-01-31\"")]
    [InlineData("fromJson('[[1,2],[3]]')[1][0]", "3")]
    [InlineData("fromJson('{\"a b\":{\"c\":1}}')['a b'].c", "1")]
    [InlineData("item[params.date]", "null")]
    public void Members_and_indexes_read_into_objects_and_lists(string expression, string json)
    {
        Assert.Equal(json, Evaluate.Json(expression));
    }

    [Theory]
    [InlineData("item.missing")]
    [InlineData("item.missing.deeper.still")]
    [InlineData("item.missing[0]")]
    [InlineData("item.missing['x']")]
    [InlineData("item.id.length")]
    [InlineData("item.routes.x")]
    [InlineData("params.tags.x")]
    [InlineData("params.tags[2]")]
    [InlineData("params.tags[-1]")]
    [InlineData("params.tags['0']")]
    [InlineData("item[0]")]
    [InlineData("item.id[0]")]
    [InlineData("null.x")]
    public void Reading_what_is_not_there_gives_null(string expression)
    {
        Assert.Null(Evaluate.Expression(expression));
    }

    [Theory]
    [InlineData("params.tags[true]", 17, "an index must be a number or a string, not a boolean")]
    [InlineData("params.tags[null]", 17, "an index must be a number or a string, not null")]
    [InlineData("params.tags[0.5]", 17, "a list index must be a whole number")]
    public void Indexes_of_the_wrong_kind_are_errors(string expression, int column, string reason)
    {
        var error = Evaluate.Error(expression);

        Assert.Equal(reason, error.Reason);
        Assert.Equal(column, error.Column);
    }

    [Theory]
    [InlineData("!true", false)]
    [InlineData("!false", true)]
    [InlineData("!null", true)]
    [InlineData("!0", true)]
    [InlineData("!0.0", true)]
    [InlineData("!1", false)]
    [InlineData("!''", true)]
    [InlineData("!'false'", false)]
    [InlineData("![]", false)]
    [InlineData("!item", false)]
    [InlineData("!!item.id", true)]
    [InlineData("!params.empty", true)]
    public void Not_uses_truthiness(string expression, bool expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("item.id && item.routes", true)]
    [InlineData("item.id && 0", false)]
    [InlineData("'' || null", false)]
    [InlineData("'' || 'x'", true)]
    [InlineData("true && false || true", true)]
    [InlineData("true || false && false", true)]
    [InlineData("false && true || false", false)]
    [InlineData("(true || false) && false", false)]
    public void And_and_or_return_booleans_by_truthiness_with_and_binding_tighter(string expression, bool expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("false && secrets.X")]
    [InlineData("true || secrets.X")]
    [InlineData("null && 1 < 'a'")]
    [InlineData("coalesce('x', secrets.X)")]
    public void Logic_and_coalesce_stop_at_the_first_deciding_value(string expression)
    {
        Assert.NotNull(Evaluate.Expression(expression));
    }

    [Fact]
    public void A_root_read_whole_comes_from_the_scope()
    {
        Assert.Equal("2", Evaluate.Json("index"));
        Assert.Equal("unknown name 'nodes'", Evaluate.Error("nodes.a.output").Reason);
    }

    [Fact]
    public void A_list_literal_copies_values_it_reads_from_the_scope()
    {
        var tags = new JsonArray("x");
        var scope = new ExpressionScope().Set("tags", tags);

        var list = ExpressionTemplate.Parse("${{ [tags[0], tags] }}").Evaluate(scope);

        Assert.Equal("[\"x\",[\"x\"]]", list!.ToJsonString());
        Assert.Null(tags.Parent);
        Assert.Single(tags);
    }
}
