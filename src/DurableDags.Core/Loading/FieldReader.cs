using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Loading;

/// <summary>
/// Reads typed values out of the source tree. Each method reports a wrong type naming the field and
/// what was expected, then returns null so the caller keeps its default and reading goes on.
/// </summary>
internal sealed class FieldReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public void Error(SourceNode at, string message) => Diagnostics.Add(at.Location, message);

    /// <summary>Reports a key that <paramref name="known"/> lacks, with the closest known key as a hint.</summary>
    public void UnknownKey(SourceScalar key, IEnumerable<string> known, string where)
    {
        var hint = DidYouMean.Hint(key.Value, known);
        var place = where.Length == 0 ? string.Empty : $" in {where}";
        Diagnostics.Add(key.Location, hint.Length > 0
            ? $"unknown key '{key.Value}'{place}{hint}"
            : $"unknown key '{key.Value}'{place}; expected one of: {string.Join(", ", known.Where(k => k != DagKeys.Schema))}");
    }

    /// <summary>A mapping; null (written as an empty value) reads as an empty mapping.</summary>
    public SourceMapping? Mapping(SourceNode node, FieldName field)
    {
        switch (node)
        {
            case SourceMapping mapping:
                return mapping;
            case SourceScalar { Kind: ScalarKind.Null }:
                return new SourceMapping(node.Location, []);
            default:
                Error(node, $"{field} must be a mapping of keys to values, got {node.Describe()}");
                return null;
        }
    }

    /// <summary>Text; numbers and booleans written bare count as their text (<c>id: 2024</c>).</summary>
    public string? Text(SourceNode node, FieldName field)
    {
        if (node is SourceScalar { Kind: not ScalarKind.Null } scalar)
        {
            return scalar.Value;
        }

        Error(node, $"{field} must be a string, got {node.Describe()}");
        return null;
    }

    public long? Integer(SourceNode node, FieldName field)
    {
        if (node is SourceScalar scalar && scalar.TryGetInteger(out var value))
        {
            return value;
        }

        Error(node, $"{field} must be a whole number, got {node.Describe()}");
        return null;
    }

    public bool? Boolean(SourceNode node, FieldName field)
    {
        if (node is SourceScalar scalar && scalar.TryGetBoolean(out var value))
        {
            return value;
        }

        Error(node, $"{field} must be true or false, got {node.Describe()}");
        return null;
    }

    public TimeSpan? Duration(SourceNode node, FieldName field)
    {
        if (node is SourceScalar { Kind: not ScalarKind.Null } scalar && Definitions.Duration.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        var bare = node is SourceScalar { Kind: ScalarKind.Integer } ? "; add a unit, e.g. 30s" : string.Empty;
        Error(node, $"{field} must be {Definitions.Duration.Hint}, got {node.Describe()}{bare}");
        return null;
    }

    /// <summary>One of a fixed set of names, with a suggestion when the text is close to one.</summary>
    public string? Choice(SourceNode node, FieldName field, IReadOnlyCollection<string> allowed)
    {
        var text = Text(node, field);
        if (text is null || allowed.Contains(text))
        {
            return text;
        }

        var hint = DidYouMean.Hint(text, allowed);
        Error(node, hint.Length > 0
            ? $"{field} cannot be '{text}'{hint}"
            : $"{field} cannot be '{text}'; use one of: {string.Join(", ", allowed)}");
        return null;
    }

    public JsonElement Json(SourceNode node) => SourceJson.ToJson(node, Diagnostics);

    public static IReadOnlyCollection<string> WireNamesOf<TEnum>()
        where TEnum : struct, Enum => [.. States.WireNames.All<TEnum>()];
}
