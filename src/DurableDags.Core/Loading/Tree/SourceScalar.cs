using DurableDags.Core.Diagnostics;
using YamlDotNet.Core;

namespace DurableDags.Core.Loading.Tree;

/// <summary>A string, number, boolean or null, with how it was written so offsets can be mapped back.</summary>
internal sealed class SourceScalar(SourceLocation location, string value, ScalarKind kind, ScalarStyle style, ScalarSpan? span)
    : SourceNode(location)
{
    public string Value { get; } = value;

    public ScalarKind Kind { get; } = kind;

    public ScalarStyle Style { get; } = style;

    /// <summary>Where the text sits in the file; null for copies made by aliases.</summary>
    public ScalarSpan? Span { get; } = span;

    public override int Size => 1;

    public override long Characters => Value.Length;

    public bool IsString => Kind == ScalarKind.String;

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Boolean => Value.ToLowerInvariant(),
        ScalarKind.Integer or ScalarKind.Float => $"the number {Value}",
        _ => $"the string '{Value}'",
    };

    public override SourceNode Relocate(SourceLocation location) => new SourceScalar(location, Value, Kind, Style, null);

    public bool TryGetBoolean(out bool value)
    {
        value = Kind == ScalarKind.Boolean && Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        return Kind == ScalarKind.Boolean;
    }

    /// <summary>The integer value; also accepts floats with no fraction (JSON writers emit 2.0).</summary>
    public bool TryGetInteger(out long value)
    {
        value = 0;
        if (Kind == ScalarKind.Integer)
        {
            return ScalarResolver.TryParseInteger(Value, out value);
        }

        if (Kind == ScalarKind.Float && TryGetNumber(out var number) && number == Math.Floor(number) && Math.Abs(number) < 1e15)
        {
            value = (long)number;
            return true;
        }

        return false;
    }

    public bool TryGetNumber(out double value)
    {
        value = 0;
        if (Kind == ScalarKind.Integer && ScalarResolver.TryParseInteger(Value, out var integer))
        {
            value = integer;
            return true;
        }

        return Kind is ScalarKind.Integer or ScalarKind.Float
            && ScalarResolver.TryParseFloat(Value, out value) && double.IsFinite(value);
    }
}
