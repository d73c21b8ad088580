using DurableDags.Core.Expressions;

namespace DurableDags.Core.Tests.Expressions;

public class ExpressionParserTests
{
    [Theory]
    [InlineData("${{ }}", 1, "the expression is empty")]
    [InlineData("${{ a + 1 }}", 7, "arithmetic is not supported ('+')")]
    [InlineData("${{ a - 1 }}", 7, "arithmetic is not supported ('-')")]
    [InlineData("${{ a -1 }}", 7, "arithmetic is not supported ('-')")]
    [InlineData("${{ a * 2 }}", 7, "arithmetic is not supported ('*')")]
    [InlineData("${{ a / 2 }}", 7, "arithmetic is not supported ('/')")]
    [InlineData("${{ a % 2 }}", 7, "arithmetic is not supported ('%')")]
    [InlineData("${{ a = 1 }}", 7, "use '==' to compare values")]
    [InlineData("${{ a & b }}", 7, "use '&&' for a logical and")]
    [InlineData("${{ a | b }}", 7, "use '||' for a logical or")]
    [InlineData("${{ \"x\" }}", 5, "strings are quoted with single quotes ('...')")]
    [InlineData("${{ {} }}", 5, "object literals are not supported; use fromJson('{...}')")]
    [InlineData("${{ a ; }}", 7, "unexpected character ';'")]
    [InlineData("${{ (a }}", 8, "expected ')' to close the '(' at column 5 but found '}}'")]
    [InlineData("${{ [1, 2 }}", 11, "expected ']' to close the '[' at column 5 but found '}}'")]
    [InlineData("${{ a[1 }}", 9, "expected ']' to close the '[' at column 6 but found '}}'")]
    [InlineData("${{ length('x' }}", 16, "expected ')' to close the '(' at column 11 but found '}}'")]
    [InlineData("${{ a. }}", 8, "expected a name after '.' but found '}}'")]
    [InlineData("${{ a.* }}", 7, "object filters ('.*') are not supported")]
    [InlineData("${{ a.b(1) }}", 8, "only functions can be called, and only by name")]
    [InlineData("${{ a b }}", 7, "expected an operator or '}}' but found 'b'")]
    [InlineData("${{ a 'b' }}", 7, "expected an operator or '}}' but found a string")]
    [InlineData("${{ ! }}", 7, "expected a value after '!'")]
    [InlineData("${{ a == == b }}", 10, "expected a value after '=='")]
    [InlineData("${{ a && }}", 10, "expected a value after '&&'")]
    [InlineData("${{ [1, ] }}", 9, "expected a value after ','")]
    [InlineData("${{ ) }}", 5, "expected a value but found ')'")]
    [InlineData("${{ 1. }}", 6, "expected digits after the decimal point")]
    [InlineData("${{ 1e }}", 6, "expected digits in the exponent")]
    [InlineData("${{ 1x }}", 5, "a name cannot start with a digit")]
    [InlineData("${{ 1e999 }}", 5, "the number is too large")]
    [InlineData("${{ 'abc }}", 5, "the string starting here is not closed with a quote (')")]
    [InlineData("${{ a", 1, "'${{' is not closed with '}}'")]
    [InlineData("${{ a \u0001 }}", 7, "unexpected character U+0001")]
    public void A_syntax_error_names_its_column_and_reason(string text, int column, string reason)
    {
        Assert.False(ExpressionTemplate.TryParse(text, out _, out var error));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(column, error.Column);
        Assert.Equal(text.IndexOf("${{", StringComparison.Ordinal), error.Offset - column + 1);
        Assert.Equal($"expression '{error.Expression}' at column {column}: {reason}", error.Message);
    }

    [Fact]
    public void The_error_quotes_only_the_failing_expression_and_its_offset_is_in_the_whole_text()
    {
        const string text = "first ${{ a }} then ${{ b > }} end";

        var error = Assert.Throws<ExpressionException>(() => ExpressionTemplate.Parse(text));

        Assert.Equal("${{ b > }}", error.Expression);
        Assert.Equal(text.LastIndexOf("}}", StringComparison.Ordinal), error.Offset);
        Assert.Equal("expression '${{ b > }}' at column 9: expected a value after '>'", error.Message);
    }

    [Fact]
    public void An_unclosed_expression_quotes_the_rest_of_the_text()
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionTemplate.Parse("url ${{ params.x"));

        Assert.Equal("${{ params.x", error.Expression);
        Assert.Equal(4, error.Offset);
    }

    [Theory]
    [InlineData("foo(1)", "unknown function 'foo'; the functions are addDays, coalesce, contains, endsWith, format, formatDate, fromJson, length, startsWith, toJson")]
    [InlineData("length(1, 2)", "length() takes 1 argument (length(value)), but was given 2")]
    [InlineData("length()", "length() takes 1 argument (length(value)), but was given 0")]
    [InlineData("formatDate('2026-01-01')", "formatDate() takes 2 arguments (formatDate(date, format)), but was given 1")]
    [InlineData("coalesce(a)", "coalesce() takes at least 2 arguments (coalesce(value, value, ...)), but was given 1")]
    [InlineData("format()", "format() takes at least 1 argument (format(template, value, ...)), but was given 0")]
    public void Unknown_functions_and_wrong_argument_counts_fail_at_parse_time_pointing_at_the_name(string expression, string reason)
    {
        Assert.False(ExpressionTemplate.TryParse("${{ " + expression + " }}", out _, out var error));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var deep = "${{ " + new string('(', 200) + "1" + new string(')', 200) + " }}";

        Assert.False(ExpressionTemplate.TryParse(deep, out _, out var error));
        Assert.Equal("the expression nests deeper than 64 levels", error.Reason);
        Assert.True(ExpressionTemplate.TryParse("${{ " + new string('(', 60) + "1" + new string(')', 60) + " }}", out _, out _));
    }

    [Fact]
    public void Chains_longer_than_the_limit_are_an_error_and_shorter_ones_evaluate()
    {
        var scope = new ExpressionScope().Set("a", false);
        var longOr = "${{ " + string.Join(" || ", Enumerable.Repeat("a", 1002)) + " }}";
        var longPath = "${{ a" + string.Concat(Enumerable.Repeat(".b", 1001)) + " }}";

        Assert.Equal("the expression has more than 1000 operators", Assert.Throws<ExpressionException>(() => ExpressionTemplate.Parse(longOr)).Reason);
        Assert.Equal("the expression has more than 1000 operators", Assert.Throws<ExpressionException>(() => ExpressionTemplate.Parse(longPath)).Reason);
        Assert.False(ExpressionTemplate.Parse("${{ " + string.Join(" || ", Enumerable.Repeat("a", 1000)) + " }}").Evaluate(scope)!.GetValue<bool>());
        Assert.Null(ExpressionTemplate.Parse("${{ a" + string.Concat(Enumerable.Repeat(".b", 999)) + " }}").Evaluate(scope));
    }

    [Fact]
    public void A_closing_pair_of_braces_inside_a_quoted_string_does_not_end_the_expression()
    {
        Assert.Equal("a}}b", Evaluate.Text("${{ 'a}}b' }}")!.GetValue<string>());
        Assert.Equal("[it's}}] x", Evaluate.Text("[${{ 'it''s}}' }}] x")!.GetValue<string>());
    }

    [Fact]
    public void Names_may_hold_dashes_and_underscores_like_node_ids()
    {
        var template = ExpressionTemplate.Parse("${{ nodes.load-data_2.output }}");

        Assert.Equal(new ExpressionReference("nodes", "load-data_2", 4), Assert.Single(template.References));
    }

    [Fact]
    public void Keywords_may_be_member_names_after_a_dot()
    {
        var scope = new ExpressionScope().Set("x", System.Text.Json.Nodes.JsonNode.Parse("""{ "in": 1, "null": 2, "true": 3 }"""));

        Assert.Equal("[1,2,3]", ExpressionTemplate.Parse("${{ [x.in, x.null, x.true] }}").Evaluate(scope)!.ToJsonString());
    }

    [Fact]
    public void References_cover_names_inside_calls_lists_and_indexes_and_skip_function_names()
    {
        const string text = "${{ format('{0}', coalesce(submit.body.url, [poll][0], response[item.key])) }}";

        var references = ExpressionTemplate.Parse(text).References;

        Assert.Equal(
            [("submit", "body"), ("poll", null), ("response", null), ("item", "key")],
            references.Select(r => (r.Root, r.Member)));
        Assert.All(references, r => Assert.Equal(r.Root, text.Substring(r.Offset, r.Root.Length)));
    }

    [Fact]
    public void A_literal_key_index_counts_as_the_member_of_its_root()
    {
        var reference = Assert.Single(ExpressionTemplate.Parse("${{ nodes['my node'].output }}").References);

        Assert.Equal(new ExpressionReference("nodes", "my node", 4), reference);
    }
}
