namespace DurableDags.Core.Tests.Expressions;

public class ComparisonNodeTests
{
    [Theory]
    [InlineData("1 == 1.0", true)]
    [InlineData("0.1 == 0.10", true)]
    [InlineData("index == 2", true)]
    [InlineData("item.routes == 3.0", true)]
    [InlineData("'a' == 'A'", false)]
    [InlineData("'1' == 1", false)]
    [InlineData("null == null", true)]
    [InlineData("item.missing == null", true)]
    [InlineData("false == null", false)]
    [InlineData("0 == false", false)]
    [InlineData("true == true", true)]
    [InlineData("[1, [2, 'x']] == [1.0, [2, 'x']]", true)]
    [InlineData("[1, 2] == [2, 1]", false)]
    [InlineData("fromJson('{\"a\":1,\"b\":[true]}') == fromJson('{\"b\":[true],\"a\":1.0}')", true)]
    [InlineData("fromJson('{\"a\":1}') == fromJson('{\"a\":1,\"b\":2}')", false)]
    [InlineData("fromJson('{}') != fromJson('[]')", true)]
    [InlineData("'x' != 'x'", false)]
    [InlineData("fromJson('9007199254740993') == fromJson('9007199254740992')", false)]
    [InlineData("fromJson('1e2') == 100", true)]
    public void Equality_is_JSON_structural_with_numbers_compared_by_value(string expression, bool expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("2 < 10", true)]
    [InlineData("'2' < '10'", false)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("'é' > 'z'", true)]
    [InlineData("-1.5 < -1", true)]
    [InlineData("3 <= 3", true)]
    [InlineData("3 >= 3.0", true)]
    [InlineData("4 > 3", true)]
    [InlineData("item.missing < 1", true)]
    [InlineData("item.missing > -1", true)]
    [InlineData("item.missing < 'a'", true)]
    [InlineData("null >= null", true)]
    [InlineData("null < null", false)]
    public void Ordering_compares_numbers_by_value_and_strings_ordinally_with_null_as_zero_or_empty(string expression, bool expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("item.id < 1", 13, "cannot compare a string with a number")]
    [InlineData("1 > 'a'", 7, "cannot compare a number with a string")]
    [InlineData("true < 1", 10, "cannot compare a boolean with a number")]
    [InlineData("true < false", 10, "'<' compares numbers or strings, not a boolean")]
    [InlineData("[1] >= [1]", 9, "'>=' compares numbers or strings, not a list")]
    [InlineData("item <= null", 10, "'<=' compares numbers or strings, not an object")]
    public void Ordering_other_kinds_is_an_error_at_the_operator(string expression, int column, string reason)
    {
        var error = Evaluate.Error(expression);

        Assert.Equal(reason, error.Reason);
        Assert.Equal(column, error.Column);
    }

    [Theory]
    [InlineData("'a' in params.tags", true)]
    [InlineData("'c' in params.tags", false)]
    [InlineData("[1] in [[1.0], 2]", true)]
    [InlineData("null in [1, null]", true)]
    [InlineData("'ELL' in 'HELLO'", true)]
    [InlineData("'ell' in 'HELLO'", false)]
    [InlineData("'' in 'x'", true)]
    [InlineData("'id' in item", true)]
    [InlineData("'Id' in item", false)]
    [InlineData("'x' in item.missing", false)]
    [InlineData("!('c' in params.tags)", true)]
    public void In_finds_an_element_a_substring_or_a_key(string expression, bool expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<bool>());
    }

    [Theory]
    [InlineData("1 in 'x1'", "'in' looks for a substring in a string, but was given a number to find")]
    [InlineData("1 in item", "'in' looks for a key in an object, but was given a number to find")]
    [InlineData("1 in 1", "'in' needs a list, a string or an object to look in, not a number")]
    [InlineData("'a' in true", "'in' needs a list, a string or an object to look in, not a boolean")]
    public void In_with_kinds_that_do_not_fit_is_an_error(string expression, string reason)
    {
        Assert.Equal(reason, Evaluate.Error(expression).Reason);
    }

    [Fact]
    public void Comparisons_bind_tighter_than_logic_and_equality_looser_than_ordering()
    {
        Assert.True(Evaluate.Expression("1 < 2 == 3 < 4")!.GetValue<bool>());
        Assert.True(Evaluate.Expression("'a' in params.tags == true && 2 > 1")!.GetValue<bool>());
    }
}
