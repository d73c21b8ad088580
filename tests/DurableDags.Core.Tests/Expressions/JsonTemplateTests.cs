using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;

namespace DurableDags.Core.Tests.Expressions;

public class JsonTemplateTests
{
    private const string With = """
        {
          "method": "POST",
          "url": "https://billing.example/api/costs?date=${{ params.date }}",
          "headers": { "Authorization": "Bearer ${{ params.date }}", "Content-Type": "application/json", "x.y": "${{ index }}" },
          "body": { "carrier": "${{ item.id }}", "routes": "${{ item.routes }}", "tags": "${{ params.tags }}", "keep": 1.50 },
          "items": [true, null, "${{ item.missing }}", "${{ 1 }}"],
          "${{ key }}": "literal key"
        }
        """;

    [Fact]
    public void Evaluate_copies_the_tree_and_evaluates_every_string_with_whole_value_typing()
    {
        using var document = JsonDocument.Parse(With);

        var result = JsonTemplate.Evaluate(document.RootElement, Evaluate.Scope());

        Assert.Equal(
            """{"method":"POST","url":"https://billing.example/api/costs?date=2026-01-31","headers":{"Authorization":"Bearer 2026-01-31","Content-Type":"application/json","x.y":2},"body":{"carrier":"c1","routes":3,"tags":["a","b"],"keep":1.50},"items":[true,null,null,1],"${{ key }}":"literal key"}""",
            result!.ToJsonString());
    }

    [Fact]
    public void The_result_outlives_the_document_and_can_be_attached_elsewhere()
    {
        JsonNode? result;
        using (var document = JsonDocument.Parse("""{ "n": 7, "tags": "${{ params.tags }}" }"""))
        {
            result = JsonTemplate.Evaluate(document.RootElement, Evaluate.Scope());
        }

        var holder = new JsonObject { ["with"] = result };

        Assert.Equal("""{"with":{"n":7,"tags":["a","b"]}}""", holder.ToJsonString());
    }

    [Fact]
    public void A_string_value_at_the_top_follows_the_same_rules()
    {
        using var document = JsonDocument.Parse("\"${{ params.tags }}\"");

        Assert.Equal("""["a","b"]""", JsonTemplate.Evaluate(document.RootElement, Evaluate.Scope())!.ToJsonString());
    }

    [Fact]
    public void An_evaluation_error_names_the_path_of_the_string()
    {
        using var document = JsonDocument.Parse("""{ "body": { "rows": [1, { "weird key": "${{ item.id > 1 }}" }] } }""");

        var error = Assert.Throws<ExpressionException>(() => JsonTemplate.Evaluate(document.RootElement, Evaluate.Scope()));

        Assert.Equal("body.rows[1]['weird key']", error.Path);
        Assert.Equal("body.rows[1]['weird key']: expression '${{ item.id > 1 }}' at column 13: cannot compare a string with a number", error.Message);
    }

    [Fact]
    public void A_syntax_error_is_thrown_with_its_path_too()
    {
        using var document = JsonDocument.Parse("""{ "a": ["${{ item. }}"] }""");

        var error = Assert.Throws<ExpressionException>(() => JsonTemplate.Evaluate(document.RootElement, Evaluate.Scope()));

        Assert.Equal("a[0]", error.Path);
        Assert.Equal("expected a name after '.' but found '}}'", error.Reason);
    }

    [Fact]
    public void Strings_lists_every_string_holding_an_expression_with_its_path_in_document_order()
    {
        using var document = JsonDocument.Parse(With);

        var strings = JsonTemplate.Strings(document.RootElement).ToList();

        Assert.Equal(
            [
                ("url", "https://billing.example/api/costs?date=${{ params.date }}"),
                ("headers.Authorization", "Bearer ${{ params.date }}"),
                ("headers['x.y']", "${{ index }}"),
                ("body.carrier", "${{ item.id }}"),
                ("body.routes", "${{ item.routes }}"),
                ("body.tags", "${{ params.tags }}"),
                ("items[2]", "${{ item.missing }}"),
                ("items[3]", "${{ 1 }}"),
            ],
            strings);
    }

    [Fact]
    public void Strings_reports_invalid_expressions_instead_of_throwing()
    {
        using var document = JsonDocument.Parse("""{ "ok": "${{ a }}", "bad": "${{ a +", "plain": "no", "quote": "it's ${{ 'x''' }}" }""");

        var strings = JsonTemplate.Strings(document.RootElement).ToList();

        Assert.Equal(["ok", "bad", "quote"], strings.Select(s => s.Path));
        Assert.False(ExpressionTemplate.TryParse(strings[1].Text, out _, out var error));
        Assert.Equal("'${{' is not closed with '}}'", error.Reason);
    }

    [Fact]
    public void Strings_of_a_top_level_string_has_an_empty_path()
    {
        using var document = JsonDocument.Parse("\"${{ item }}\"");

        Assert.Equal(("", "${{ item }}"), Assert.Single(JsonTemplate.Strings(document.RootElement)));
    }
}
