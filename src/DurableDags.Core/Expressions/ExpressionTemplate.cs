using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// A string value that may hold <c>${{ ... }}</c> expressions. A value that is exactly one
/// expression evaluates to that expression's value with its JSON type; any other value
/// evaluates to a string with each expression's value formatted as text.
/// Parsed templates are immutable and safe to cache and share across threads.
/// </summary>
public sealed class ExpressionTemplate
{
    private const string Open = "${{";

    private static readonly ReadOnlyCollection<ExpressionReference> NoReferences = new([]);

    private readonly Segment[] _segments;

    private ExpressionTemplate(string text, Segment[] segments, ReadOnlyCollection<ExpressionReference> references)
    {
        Text = text;
        _segments = segments;
        References = references;
        IsWholeExpression = segments.Length == 1 && segments[0].Source.Start == 0 && segments[0].Source.End == text.Length;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    public bool HasExpressions => _segments.Length > 0;

    /// <summary>True when <see cref="Text"/> is exactly one <c>${{ ... }}</c>, with nothing around it.</summary>
    public bool IsWholeExpression { get; }

    /// <summary>Every name path the expressions read, in the order they appear.</summary>
    public IReadOnlyList<ExpressionReference> References { get; }

    /// <exception cref="ExpressionException">The text holds an expression that is not valid.</exception>
    public static ExpressionTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0)
        {
            return new ExpressionTemplate(text, [], NoReferences);
        }

        var segments = new List<Segment>(2);
        var references = new List<ExpressionReference>(4);
        while (start >= 0)
        {
            var source = new ExpressionSource(text, start, FindEnd(text, start));
            segments.Add(new Segment(source, ExpressionParser.Parse(source, references)));
            start = text.IndexOf(Open, source.End, StringComparison.Ordinal);
        }

        return new ExpressionTemplate(text, [.. segments], references.Count == 0 ? NoReferences : references.AsReadOnly());
    }

    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out ExpressionTemplate? template,
        [NotNullWhen(false)] out ExpressionException? error)
    {
        try
        {
            template = Parse(text);
            error = null;
            return true;
        }
        catch (ExpressionException e)
        {
            template = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// Evaluates the template. The result never shares nodes with the scope, so the caller may
    /// attach it to another JSON tree.
    /// </summary>
    /// <exception cref="ExpressionException">An expression failed, such as a comparison of a string with a number.</exception>
    public JsonNode? Evaluate(IExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (_segments.Length == 0)
        {
            return JsonValue.Create(Text);
        }

        if (IsWholeExpression)
        {
            return _segments[0].Evaluate(scope)?.DeepClone();
        }

        var text = new StringBuilder(Text.Length + 32);
        var position = 0;
        foreach (var segment in _segments)
        {
            text.Append(Text, position, segment.Source.Start - position)
                .Append(ExpressionValues.ToText(segment.Evaluate(scope)));
            position = segment.Source.End;
        }

        return JsonValue.Create(text.Append(Text, position, Text.Length - position).ToString());
    }

    public override string ToString() => Text;

    /// <summary>
    /// Index just past the <c>}}</c> closing the expression opened at <paramref name="start"/>.
    /// A <c>}}</c> inside a quoted string does not close it.
    /// </summary>
    private static int FindEnd(string text, int start)
    {
        var quote = -1;
        for (var i = start + Open.Length; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                // A doubled quote '' toggles twice, which is what an escaped quote needs.
                quote = quote < 0 ? i : -1;
            }
            else if (c == '}' && quote < 0 && i + 1 < text.Length && text[i + 1] == '}')
            {
                return i + 2;
            }
        }

        var unclosed = new ExpressionSource(text, start, text.Length);
        throw quote >= 0
            ? unclosed.Error(quote, "the string starting here is not closed with a quote (')")
            : unclosed.Error(start, "'${{' is not closed with '}}'");
    }

    private sealed record Segment(ExpressionSource Source, ExpressionNode Root)
    {
        public JsonNode? Evaluate(IExpressionScope scope) => Root.Evaluate(new EvaluationContext(scope, Source));
    }
}
