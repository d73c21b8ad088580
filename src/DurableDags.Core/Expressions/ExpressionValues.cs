using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// The rules values follow inside expressions: kinds, truthiness, equality, ordering and text.
/// Values are plain <see cref="JsonNode"/>s; a missing value and JSON null are both null.
/// </summary>
internal static class ExpressionValues
{
    /// <summary>Compact JSON that keeps non-ASCII text readable; values end up in URLs, bodies and messages, not HTML.</summary>
    public static readonly JsonSerializerOptions CompactJson = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonValueKind KindOf(JsonNode? value) => value is null ? JsonValueKind.Null : value.GetValueKind();

    public static bool IsNull(JsonNode? value) => value is null || value.GetValueKind() == JsonValueKind.Null;

    /// <summary>The kind's name as a message says it: "a string", "a list", "null".</summary>
    public static string Describe(JsonNode? value) => KindOf(value) switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>false, null, 0 and '' are falsy; everything else, empty lists and objects included, is truthy.</summary>
    public static bool IsTruthy(JsonNode? value) => KindOf(value) switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => false,
        JsonValueKind.Number => GetNumber(value!) != 0,
        JsonValueKind.String => GetString(value!).Length > 0,
        _ => true,
    };

    public static bool TryGetString(JsonNode? value, out string text)
    {
        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            text = GetString(scalar);
            return true;
        }

        text = string.Empty;
        return false;
    }

    public static bool TryGetNumber(JsonNode? value, out double number)
    {
        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.Number)
        {
            number = GetNumber(scalar);
            return true;
        }

        number = 0;
        return false;
    }

    /// <summary>JSON structural equality: numbers compare by value, strings ordinally, object keys in any order.</summary>
    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        var kind = KindOf(left);
        if (kind != KindOf(right))
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False:
                return true;
            case JsonValueKind.Number:
                return NumbersEqual(left!, right!);
            case JsonValueKind.String:
                return string.Equals(GetString(left!), GetString(right!), StringComparison.Ordinal);
            case JsonValueKind.Array:
                var a = left!.AsArray();
                var b = right!.AsArray();
                if (a.Count != b.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!AreEqual(a[i], b[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                var x = left!.AsObject();
                var y = right!.AsObject();
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (key, item) in x)
                {
                    if (!y.TryGetPropertyValue(key, out var other) || !AreEqual(item, other))
                    {
                        return false;
                    }
                }

                return true;
        }
    }

    /// <summary>The text a value becomes inside a longer string.</summary>
    public static string ToText(JsonNode? value) => KindOf(value) switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.String => GetString(value!),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        // Numbers, lists and objects as JSON, which is culture-invariant.
        _ => value!.ToJsonString(CompactJson),
    };

    public static string GetString(JsonNode value)
    {
        if (value is JsonValue scalar && scalar.TryGetValue<string>(out var text))
        {
            return text;
        }

        // Values such as DateTimeOffset or Guid are strings in JSON but not in .NET; their JSON
        // text is what an expression sees.
        return JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty;
    }

    public static double GetNumber(JsonNode value)
    {
        if (value is JsonValue scalar)
        {
            if (scalar.TryGetValue<JsonElement>(out var element))
            {
                return element.GetDouble();
            }

            if (scalar.TryGetValue<double>(out var d))
            {
                return d;
            }

            if (scalar.TryGetValue<decimal>(out var m))
            {
                return (double)m;
            }

            if (scalar.TryGetValue<long>(out var l))
            {
                return l;
            }

            if (scalar.TryGetValue<int>(out var i))
            {
                return i;
            }
        }

        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static bool NumbersEqual(JsonNode left, JsonNode right)
    {
        // Decimal keeps 0.1 == 0.10 exact and large integers distinct; double covers the rest.
        if (TryGetDecimal(left, out var a) && TryGetDecimal(right, out var b))
        {
            return a == b;
        }

        return GetNumber(left).Equals(GetNumber(right));
    }

    private static bool TryGetDecimal(JsonNode value, out decimal number)
    {
        if (value is JsonValue scalar)
        {
            if (scalar.TryGetValue<decimal>(out number))
            {
                return true;
            }

            if (scalar.TryGetValue<JsonElement>(out var element))
            {
                return element.TryGetDecimal(out number);
            }

            if (scalar.TryGetValue<long>(out var l))
            {
                number = l;
                return true;
            }

            if (scalar.TryGetValue<int>(out var i))
            {
                number = i;
                return true;
            }
        }

        return decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
