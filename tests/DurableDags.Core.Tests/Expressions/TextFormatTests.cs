namespace DurableDags.Core.Tests.Expressions;

public class TextFormatTests
{
    [Theory]
    [InlineData("format('{0} of {1}', 3, 4)", "3 of 4")]
    [InlineData("format('{1}-{0}-{1}', 'a', 'b')", "b-a-b")]
    [InlineData("format('no placeholders')", "no placeholders")]
    [InlineData("format('{{0}} is {0}', 'x')", "{0} is x")]
    [InlineData("format('}}{{')", "}{")]
    [InlineData("format('[{0}]', null)", "[]")]
    [InlineData("format('{0}/{1}/{2}', true, 1.5, params.tags)", "true/1.5/[\"a\",\"b\"]")]
    [InlineData("format('{0}', item.name)", "Żółw 😀")]
    [InlineData("format('{0}', 'unused', 'extra')", "unused")]
    [InlineData("format('{10}', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 'ten')", "ten")]
    public void Format_replaces_numbered_placeholders_with_text(string expression, string expected)
    {
        Assert.Equal(expected, Evaluate.Expression(expression)!.GetValue<string>());
    }

    [Theory]
    [InlineData("format('{2}', 'a', 'b')", "format() template refers to {2}, but only 2 values were given")]
    [InlineData("format('{0}')", "format() template refers to {0}, but no values were given")]
    [InlineData("format('{1}', 'a')", "format() template refers to {1}, but only 1 value was given")]
    [InlineData("format('a {x}', 1)", "format() template has '{' at position 3 that is not '{N}' or '{{'")]
    [InlineData("format('a {0', 1)", "format() template has '{' at position 3 that is not '{N}' or '{{'")]
    [InlineData("format('{0:N2}', 1)", "format() template has '{' at position 1 that is not '{N}' or '{{'")]
    [InlineData("format('a } b')", "format() template has '}' at position 3; write '}}' for a literal brace")]
    [InlineData("format(1, 2)", "format() needs a template string as argument 1, not a number")]
    public void A_template_format_cannot_follow_is_an_error_at_the_template(string expression, string reason)
    {
        var error = Evaluate.Error(expression);

        Assert.Equal(reason, error.Reason);
        Assert.Equal(12, error.Column);
    }
}
