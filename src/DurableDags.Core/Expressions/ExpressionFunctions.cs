using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// The built-in functions. Names match case-insensitively, so GitHub Actions' <c>toJSON</c> and
/// <c>fromJSON</c> work as written there.
/// </summary>
internal static class ExpressionFunctions
{
    private static readonly FrozenDictionary<string, ExpressionFunction> All = new ExpressionFunction[]
    {
        new("length", 1, 1, "length(value)", Length),
        new("contains", 2, 2, "contains(search, item)", Contains),
        new("startsWith", 2, 2, "startsWith(text, prefix)", StartsWith),
        new("endsWith", 2, 2, "endsWith(text, suffix)", EndsWith),
        new("format", 1, int.MaxValue, "format(template, value, ...)", TextFormat.Format),
        new("toJson", 1, 1, "toJson(value)", ToJson),
        new("fromJson", 1, 1, "fromJson(text)", FromJson),
        new("formatDate", 2, 2, "formatDate(date, format)", DateFunctions.FormatDate),
        new("addDays", 2, 2, "addDays(date, days)", DateFunctions.AddDays),
        new("coalesce", 2, int.MaxValue, "coalesce(value, value, ...)", Coalesce),
    }.ToFrozenDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The function names, for "did you mean" and "functions are" messages.</summary>
    public static string Names { get; } = string.Join(", ", All.Values.Select(f => f.Name).Order(StringComparer.Ordinal));

    public static bool TryGet(string name, out ExpressionFunction function) => All.TryGetValue(name, out function!);

    /// <summary>Characters of a string (a surrogate pair counts once), items of a list, keys of an object; null is 0.</summary>
    private static JsonNode? Length(in FunctionCall call)
    {
        var value = call.Value(0);
        switch (ExpressionValues.KindOf(value))
        {
            case JsonValueKind.Null:
                return JsonValue.Create(0);
            case JsonValueKind.String:
                var text = ExpressionValues.GetString(value!);
                var count = 0;
                foreach (var _ in text.EnumerateRunes())
                {
                    count++;
                }

                return JsonValue.Create(count);
            case JsonValueKind.Array:
                return JsonValue.Create(value!.AsArray().Count);
            case JsonValueKind.Object:
                return JsonValue.Create(value!.AsObject().Count);
            default:
                throw call.TypeError(0, "a string, a list or an object", value);
        }
    }

    private static JsonNode? Contains(in FunctionCall call)
    {
        var haystack = call.Value(0);
        var needle = call.Value(1);
        return JsonValue.Create(ComparisonNode.Contains(call.Context, haystack, needle, (call.Offset(0), call.Offset(1)), "contains()"));
    }

    private static JsonNode? StartsWith(in FunctionCall call) => Affix(call, start: true);

    private static JsonNode? EndsWith(in FunctionCall call) => Affix(call, start: false);

    /// <summary>Ordinal, like every string comparison here; null text starts and ends with nothing.</summary>
    private static JsonValue Affix(in FunctionCall call, bool start)
    {
        var value = call.Value(0);
        if (ExpressionValues.IsNull(value))
        {
            call.String(1, "a string");
            return JsonValue.Create(false);
        }

        if (!ExpressionValues.TryGetString(value, out var text))
        {
            throw call.TypeError(0, "a string", value);
        }

        var affix = call.String(1, "a string");
        return JsonValue.Create(start
            ? text.StartsWith(affix, StringComparison.Ordinal)
            : text.EndsWith(affix, StringComparison.Ordinal));
    }

    /// <summary>Compact JSON, so it fits in a URL, a header or one log line.</summary>
    private static JsonNode? ToJson(in FunctionCall call)
    {
        var value = call.Value(0);
        return JsonValue.Create(value is null ? "null" : value.ToJsonString(ExpressionValues.CompactJson));
    }

    private static JsonNode? FromJson(in FunctionCall call)
    {
        var text = call.String(0, "a string of JSON");
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            // The position only: the text itself may hold a secret.
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : string.Empty;
            throw call.Error(0, $"fromJson() was given text that is not valid JSON{where}");
        }
    }

    private static JsonNode? Coalesce(in FunctionCall call)
    {
        for (var i = 0; i < call.Count; i++)
        {
            var value = call.Value(i);
            if (!ExpressionValues.IsNull(value))
            {
                return value;
            }
        }

        return null;
    }
}
