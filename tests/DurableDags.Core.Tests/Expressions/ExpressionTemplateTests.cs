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

    [Fact]
    public void Several_expressions_and_unicode_text_around_them_are_kept_in_place()
    {
        var value = Evaluate.Text("Ünïcødé ${{ item.name }} → ${{ 'ß' }}${{ index }} 😀 ${{ 'x' }}");

        Assert.Equal("Ünïcødé Żółw 😀 → ß2 😀 x", value!.GetValue<string>());
    }

    [Fact]
    public void A_dollar_or_braces_that_do_not_open_an_expression_stay_text()
    {
        Assert.Equal("$ {{ x }} ${ {{ }} $y", Evaluate.Text("$ {{ x }} ${ {{ }} $${{ 'y' }}")!.GetValue<string>());
        Assert.Equal("cost: ${{", Evaluate.Text("cost: ${{ '${{' }}")!.GetValue<string>());
    }

    [Fact]
    public void A_whole_expression_giving_a_string_stays_a_string_even_if_it_looks_like_a_number()
    {
        var value = Evaluate.Text("${{ '42' }}");

        Assert.Equal(System.Text.Json.JsonValueKind.String, value!.GetValueKind());
    }

    [Fact]
    public void Text_formatting_uses_the_invariant_culture_and_compact_JSON()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var scope = new ExpressionScope().Set("d", 1234.5).Set("o", new JsonObject { ["k"] = new JsonArray(1, "é") });

            var value = ExpressionTemplate.Parse("${{ d }} ${{ 1.50 }} ${{ -0.25 }} ${{ o }} ${{ true }}").Evaluate(scope);

            Assert.Equal("1234.5 1.50 -0.25 {\"k\":[1,\"é\"]} true", value!.GetValue<string>());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_whole_expression_result_never_shares_nodes_with_the_scope()
    {
        var parameters = new JsonObject { ["tags"] = new JsonArray("a") };
        var scope = new ExpressionScope().Set("params", parameters);
        var template = ExpressionTemplate.Parse("${{ params.tags }}");

        var first = new JsonObject { ["x"] = template.Evaluate(scope) };
        var second = new JsonObject { ["x"] = template.Evaluate(scope) };

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.Same(parameters, parameters["tags"]!.Parent);
    }

    [Fact]
    public void One_parsed_template_evaluates_concurrently_against_different_scopes()
    {
        var template = ExpressionTemplate.Parse("${{ format('{0}:{1}', item.id, item.n > 500) }}");

        var results = new string[1000];
        Parallel.For(0, results.Length, i =>
        {
            var scope = new ExpressionScope().Set("item", new JsonObject { ["id"] = $"c{i}", ["n"] = i });
            results[i] = template.Evaluate(scope)!.GetValue<string>();
        });

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal($"c{i}:{(i > 500 ? "true" : "false")}", results[i]);
        }
    }

    [Fact]
    public void Whitespace_and_newlines_inside_the_braces_are_allowed()
    {
        var template = ExpressionTemplate.Parse("${{\n  item.routes\t>\r\n 1\n}}");

        Assert.True(template.IsWholeExpression);
        Assert.True(template.Evaluate(Evaluate.Scope())!.GetValue<bool>());
    }

    [Fact]
    public void An_evaluation_error_reports_the_expression_and_column_of_the_failing_token()
    {
        const string text = "before ${{ item.id >= 1 }} after";

        var error = Assert.Throws<ExpressionException>(() => Evaluate.Text(text));

        Assert.Equal("expression '${{ item.id >= 1 }}' at column 13: cannot compare a string with a number", error.Message);
        Assert.Equal(text.IndexOf(">=", StringComparison.Ordinal), error.Offset);
        Assert.Equal("${{ item.id >= 1 }}", error.Expression);
    }
}
