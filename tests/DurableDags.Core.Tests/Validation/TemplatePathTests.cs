using DurableDags.Core.Validation;

namespace DurableDags.Core.Tests.Validation;

public class TemplatePathTests
{
    [Theory]
    [InlineData("url", new[] { "url" })]
    [InlineData("body.carrier", new[] { "body", "carrier" })]
    [InlineData("items[2]", new[] { "items", "2" })]
    [InlineData("body.list[0].id", new[] { "body", "list", "0", "id" })]
    [InlineData("headers['X Key']", new[] { "headers", "X Key" })]
    [InlineData("body['it''s'].a", new[] { "body", "it's", "a" })]
    [InlineData("['a.b'][1]", new[] { "a.b", "1" })]
    public void Paths_of_json_templates_read_back_into_their_segments(string path, string[] segments)
    {
        Assert.Equal(segments, TemplatePath.Segments(path));
    }

    [Fact]
    public void An_expression_under_an_odd_key_is_still_placed_exactly()
    {
        Assert.Equal(["test.yaml:3:84: 'with.headers['X Key']' of node 'a' reads params.nope, which does not exist; the DAG declares no params"],
            Loading.Load.Errors("id: x\nnodes:\n  a: { type: http, with: { url: \"https://a.example\", headers: { X Key: \"${{ params.nope }}\" } } }\n"));
    }
}
