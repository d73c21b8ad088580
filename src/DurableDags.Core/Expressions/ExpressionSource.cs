namespace DurableDags.Core.Expressions;

/// <summary>
/// Where one <c>${{ ... }}</c> sits in a template's text; every error about it is built here so
/// that all of them quote the expression and count columns the same way.
/// </summary>
internal sealed class ExpressionSource(string text, int start, int end)
{
    /// <summary>The whole template text.</summary>
    public string Text { get; } = text;

    /// <summary>Index of the <c>$</c> of <c>${{</c>.</summary>
    public int Start { get; } = start;

    /// <summary>Index just past the closing <c>}}</c>.</summary>
    public int End { get; } = end;

    public string Expression => Text[Start..End];

    public ExpressionException Error(int offset, string reason) =>
        new(Expression, offset, offset - Start + 1, reason);
}
