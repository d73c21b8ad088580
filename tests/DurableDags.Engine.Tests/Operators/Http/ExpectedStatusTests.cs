using System.Text.Json.Nodes;
using DurableDags.Engine.Operators.Http;

namespace DurableDags.Engine.Tests.Operators.Http;

public class ExpectedStatusTests
{
    [Theory]
    [InlineData(null, 200, true)]
    [InlineData(null, 299, true)]
    [InlineData(null, 300, false)]
    [InlineData("201", 201, true)]
    [InlineData("201", 200, false)]
    [InlineData("\"4xx\"", 404, true)]
    [InlineData("\"4xx\"", 500, false)]
    [InlineData("\"200-204\"", 204, true)]
    [InlineData("\"200-204\"", 205, false)]
    [InlineData("[200, \"404\", \"5xx\"]", 503, true)]
    [InlineData("[200, \"404\", \"5xx\"]", 404, true)]
    [InlineData("[200, \"404\", \"5xx\"]", 201, false)]
    public void A_status_matches_codes_classes_ranges_and_lists(string? json, int status, bool matches)
    {
        Assert.True(ExpectedStatus.TryParse(json is null ? null : JsonNode.Parse(json), out var expected, out _));

        Assert.Equal(matches, expected.Matches(status));
    }

    [Theory]
    [InlineData("99")]
    [InlineData("600")]
    [InlineData("\"6xx\"")]
    [InlineData("\"300-200\"")]
    [InlineData("\"ok\"")]
    [InlineData("[]")]
    [InlineData("{ \"code\": 200 }")]
    public void Anything_else_is_refused_with_the_forms_that_work(string json)
    {
        Assert.False(ExpectedStatus.TryParse(JsonNode.Parse(json), out _, out var error));

        Assert.True(
            error.Contains("write 201, \"2xx\", \"200-299\" or a list of those", StringComparison.Ordinal) || error.Contains("is empty", StringComparison.Ordinal),
            error);
    }
}
