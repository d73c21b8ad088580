using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;

namespace DurableDags.Core.Tests.Expressions;

public class ExpressionTemplateTests
{
    private static readonly ExpressionScope Scope = new ExpressionScope()
        .Set("params", JsonNode.Parse("""{ "date": "2026-01-31", "minCost": 5, "dryRun": false, "tags": ["a", "b"] }"""))
        .Set("item", JsonNode.Parse("""{ "id": "c1", "routes": 3 }"""))
        .Set("index", 2)
        .SetLazy(
            "nodes",
            id => id == "carriers" ? JsonNode.Parse("""{ "output": { "body": { "carriers": [ { "id": "c1" }, { "id": "c2" } ] } }, "status": "succeeded" }""") : null,
            () => throw new InvalidOperationException("the whole nodes root must not be built"));

    private static JsonNode? Eval(string text) => ExpressionTemplate.Parse(text).Evaluate(Scope);

    [Fact]
    public void Text_without_expressions_evaluates_to_itself()
    {
        var template = ExpressionTemplate.Parse("plain } text {");

        Assert.False(template.HasExpressions);
        Assert.False(template.IsWholeExpression);
        Assert.Empty(template.References);
        Assert.Equal("plain } text {", template.Evaluate(Scope)!.GetValue<string>());
    }

    [Fact]
    public void A_whole_expression_keeps_the_type_of_its_value()
    {
        Assert.Equal("""[{"id":"c1"},{"id":"c2"}]""", Eval("${{ nodes.carriers.output.body.carriers }}")!.ToJsonString());
        Assert.Equal(5, Eval("${{ params.minCost }}")!.GetValue<double>());
        Assert.False(Eval("${{params.dryRun}}")!.GetValue<bool>());
        Assert.Null(Eval("${{ null }}"));
    }

    [Fact]
    public void Expressions_inside_longer_text_are_formatted_as_text()
    {
        var value = Eval("a ${{ params.date }} b ${{ params.minCost }} c ${{ params.dryRun }} d ${{ null }} e ${{ params.tags }}");

        Assert.Equal("a 2026-01-31 b 5 c false d  e [\"a\",\"b\"]", value!.GetValue<string>());
    }

    [Fact]
    public void Only_text_that_is_exactly_one_expression_is_whole()
    {
        Assert.True(ExpressionTemplate.Parse("${{ item }}").IsWholeExpression);
        Assert.True(ExpressionTemplate.Parse("${{item}}").IsWholeExpression);
        Assert.False(ExpressionTemplate.Parse(" ${{ item }}").IsWholeExpression);
        Assert.False(ExpressionTemplate.Parse("${{ item }}${{ index }}").IsWholeExpression);
        Assert.Equal("3", Eval(" ${{ item.routes }}")!.GetValue<string>().Trim());
    }

    [Fact]
    public void References_name_each_root_its_first_member_and_where_the_root_is()
    {
        const string text = "x ${{ nodes.carriers.output.body == item && params['date'] in index }}";

        var references = ExpressionTemplate.Parse(text).References;

        Assert.Equal(
            [
                new ExpressionReference("nodes", "carriers", text.IndexOf("nodes", StringComparison.Ordinal)),
                new ExpressionReference("item", null, text.IndexOf("item", StringComparison.Ordinal)),
                new ExpressionReference("params", "date", text.IndexOf("params", StringComparison.Ordinal)),
                new ExpressionReference("index", null, text.IndexOf("index", StringComparison.Ordinal)),
            ],
            references);
    }

    [Theory]
    [InlineData("${{ item.routes > 0 }}", true)]
    [InlineData("${{ item.routes >= 3 }}", true)]
    [InlineData("${{ item.routes < 3 }}", false)]
    [InlineData("${{ item.routes <= 2.5 }}", false)]
    [InlineData("${{ item.id == 'c1' }}", true)]
    [InlineData("${{ item.id != 'c1' }}", false)]
    [InlineData("${{ 'abc' < 'abd' }}", true)]
    [InlineData("${{ 1 == 1.0 }}", true)]
    [InlineData("${{ params.tags == ['a', 'b'] }}", true)]
    [InlineData("${{ 'b' in params.tags }}", true)]
    [InlineData("${{ !(item.routes > 0) }}", false)]
    [InlineData("${{ item.routes > 0 && params.dryRun }}", false)]
    [InlineData("${{ item.routes > 0 || params.dryRun }}", true)]
    public void Comparisons_and_logic_give_booleans(string text, bool expected)
    {
        Assert.Equal(expected, Eval(text)!.GetValue<bool>());
    }

    [Fact]
    public void Member_access_on_a_missing_value_is_null()
    {
        Assert.Null(Eval("${{ item.missing.deeper }}"));
        Assert.Null(Eval("${{ nodes.unknown.output }}"));
        Assert.Null(Eval("${{ params.tags[5] }}"));
        Assert.Equal("b", Eval("${{ params.tags[1] }}")!.GetValue<string>());
    }

    [Fact]
    public void An_unknown_root_is_an_error_naming_it()
    {
        var error = Assert.Throws<ExpressionException>(() => Eval("${{ secrets.TOKEN }}"));

        Assert.Contains("unknown name 'secrets'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_quotes_the_expression_and_the_column_of_the_bad_token()
    {
        Assert.False(ExpressionTemplate.TryParse("${{ nodes.a.output > }}", out var template, out var error));

        Assert.Null(template);
        Assert.Equal("expression '${{ nodes.a.output > }}' at column 22: expected a value after '>'", error.Message);
        Assert.Equal(21, error.Offset);
    }
}
