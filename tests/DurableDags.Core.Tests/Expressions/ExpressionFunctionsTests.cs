namespace DurableDags.Core.Tests.Expressions;

public class ExpressionFunctionsTests
{
    [Theory]
    [InlineData("length('abc')", 3)]
    [InlineData("length('')", 0)]
    [InlineData("length(item.name)", 6)]
    [InlineData("length('😀😀')", 2)]
    [InlineData("length(params.tags)", 2)]
    [InlineData("length([])", 0)]
    [InlineData("length(item)", 3)]
    [InlineData("length(item.missing)", 0)]
    public void Length_counts_characters_items_or_keys(string expression, int expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<int>());
    }

    [Theory]
    [InlineData("contains(params.tags, 'b')", true)]
    [InlineData("contains(params.tags, 'B')", false)]
    [InlineData("contains([1, 2], 2.0)", true)]
    [InlineData("contains('Hello', 'ell')", true)]
    [InlineData("contains('Hello', 'ELL')", false)]
    [InlineData("contains(item, 'routes')", true)]
    [InlineData("contains(item.missing, 'x')", false)]
    [InlineData("startsWith('Hello', 'He')", true)]
    [InlineData("startsWith('Hello', 'he')", false)]
    [InlineData("startsWith('Hello', '')", true)]
    [InlineData("startsWith(item.missing, 'x')", false)]
    [InlineData("endsWith('Hello', 'llo')", true)]
    [InlineData("endsWith('Hello', 'LLO')", false)]
    [InlineData("endsWith(item.name, '😀')", true)]
    [InlineData("endsWith(item.missing, 'x')", false)]
    public void Contains_startsWith_and_endsWith_are_ordinal(string expression, bool expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("toJson(item)", "{\"id\":\"c1\",\"routes\":3,\"name\":\"Żółw \\uD83D\\uDE00\"}")]
    [InlineData("toJson(params.tags)", "[\"a\",\"b\"]")]
    [InlineData("toJson('x')", "\"x\"")]
    [InlineData("toJson(1.5)", "1.5")]
    [InlineData("toJson(true)", "true")]
    [InlineData("toJson(null)", "null")]
    [InlineData("toJson('<a&b>')", "\"<a&b>\"")]
    public void ToJson_gives_compact_JSON_text(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<string>());
    }

    [Theory]
    [InlineData("fromJson('{\"a\": [1, true, null]}')", "{\"a\":[1,true,null]}")]
    [InlineData("fromJson('\"x\"')", "\"x\"")]
    [InlineData("fromJson('  42 ')", "42")]
    [InlineData("fromJson('null')", "null")]
    [InlineData("fromJson(toJson(item)) == item", "true")]
    [InlineData("fromJson('{\"a\":{\"b\":2}}').a.b", "2")]
    public void FromJson_parses_JSON_text_into_a_value(string expression, string json)
    {
        Assert.Equal(json, Evaluate.Json(expression));
    }

    [Theory]
    [InlineData("coalesce(item.missing, null, 'x', 'y')", "\"x\"")]
    [InlineData("coalesce(item.missing, 0)", "0")]
    [InlineData("coalesce('', 'x')", "\"\"")]
    [InlineData("coalesce(false, true)", "false")]
    [InlineData("coalesce(null, null)", "null")]
    [InlineData("coalesce(item.missing, params.tags)", "[\"a\",\"b\"]")]
    public void Coalesce_gives_the_first_value_that_is_not_null(string expression, string json)
    {
        Assert.Equal(json, Evaluate.Json(expression));
    }

    [Theory]
    [InlineData("LENGTH('ab')", "2")]
    [InlineData("toJSON(1)", "\"1\"")]
    [InlineData("fromJSON('[1]')", "[1]")]
    [InlineData("StartsWith('ab', 'a')", "true")]
    public void Function_names_match_regardless_of_case_as_in_GitHub_Actions(string expression, string json)
    {
        Assert.Equal(json, Evaluate.Json(expression));
    }

    [Theory]
    [InlineData("length(1)", 12, "length() needs a string, a list or an object as argument 1, not a number")]
    [InlineData("length(true)", 12, "length() needs a string, a list or an object as argument 1, not a boolean")]
    [InlineData("contains(1, 1)", 14, "contains() needs a list, a string or an object to look in, not a number")]
    [InlineData("contains('abc', 1)", 21, "contains() looks for a substring in a string, but was given a number to find")]
    [InlineData("contains(item, null)", 20, "contains() looks for a key in an object, but was given null to find")]
    [InlineData("startsWith(1, 'a')", 16, "startsWith() needs a string as argument 1, not a number")]
    [InlineData("startsWith('a', null)", 21, "startsWith() needs a string as argument 2, not null")]
    [InlineData("endsWith(params.tags, 'a')", 14, "endsWith() needs a string as argument 1, not a list")]
    [InlineData("endsWith(item.missing, 1)", 28, "endsWith() needs a string as argument 2, not a number")]
    [InlineData("fromJson(1)", 14, "fromJson() needs a string of JSON as argument 1, not a number")]
    [InlineData("fromJson('{oops')", 14, "fromJson() was given text that is not valid JSON (line 1, byte 2)")]
    [InlineData("fromJson('')", 14, "fromJson() was given text that is not valid JSON (line 1, byte 1)")]
    public void Arguments_of_the_wrong_kind_are_errors_pointing_at_the_argument(string expression, int column, string reason)
    {
        var error = Evaluate.Error(expression);

        Assert.Equal(reason, error.Reason);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void A_fromJson_error_does_not_quote_the_text_it_was_given()
    {
        var error = Evaluate.Error("fromJson('secret-token-value')");

        Assert.DoesNotContain("secret-token-value", error.Reason, StringComparison.Ordinal);
    }
}
