using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;

namespace DurableDags.Core.Tests.Expressions;

public class ExpressionValuesTests
{
    public static TheoryData<JsonNode> Threes() =>
    [
        JsonValue.Create(3),
        JsonValue.Create(3L),
        JsonValue.Create(3u),
        JsonValue.Create((short)3),
        JsonValue.Create((byte)3),
        JsonValue.Create(3f),
        JsonValue.Create(3d),
        JsonValue.Create(3m),
        JsonValue.Create(3.0m),
        JsonNode.Parse("3")!,
        JsonNode.Parse("3.000")!,
        JsonNode.Parse("0.3e1")!,
        JsonValue.Create(JsonDocument.Parse("3").RootElement)!,
    ];

    [Theory]
    [MemberData(nameof(Threes))]
    public void A_number_is_a_number_whatever_NET_type_the_scope_holds_it_in(JsonNode three)
    {
        var scope = new ExpressionScope().Set("n", three);

        var value = ExpressionTemplate.Parse("${{ [n == 3, n < 3.5, n > 2, !n, length(format('{0}', n)) > 0] }}").Evaluate(scope);

        Assert.Equal("[true,true,true,false,true]", value!.ToJsonString());
    }

    [Fact]
    public void Strings_the_scope_holds_as_other_NET_types_read_as_their_JSON_text()
    {
        var scope = new ExpressionScope()
            .Set("g", JsonValue.Create(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff")))
            .Set("c", JsonValue.Create('x'))
            .Set("d", JsonValue.Create(new DateTimeOffset(2026, 1, 31, 6, 0, 0, TimeSpan.FromHours(-5))));

        var value = ExpressionTemplate.Parse("${{ g }}|${{ c == 'x' }}|${{ d }}|${{ startsWith(d, '2026-01-31T06') }}").Evaluate(scope);

        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff|true|2026-01-31T06:00:00-05:00|true", value!.GetValue<string>());
    }

    [Theory]
    [InlineData("null", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("-0.0", false)]
    [InlineData("\"\"", false)]
    [InlineData("true", true)]
    [InlineData("-1", true)]
    [InlineData("0.001", true)]
    [InlineData("\"0\"", true)]
    [InlineData("\"false\"", true)]
    [InlineData("[]", true)]
    [InlineData("{}", true)]
    public void False_null_zero_and_the_empty_string_are_the_only_falsy_values(string json, bool truthy)
    {
        var scope = new ExpressionScope().Set("v", JsonNode.Parse(json));

        Assert.Equal(truthy, ExpressionTemplate.Parse("${{ v || false }}").Evaluate(scope)!.GetValue<bool>());
    }
}
