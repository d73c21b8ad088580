using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary><c>== != &lt; &lt;= &gt; &gt;=</c> and <c>in</c>; every one gives a boolean.</summary>
internal sealed class ComparisonNode(int offset, TokenKind op, ExpressionNode left, ExpressionNode right)
    : ExpressionNode(offset)
{
    public override JsonNode? Evaluate(in EvaluationContext context)
    {
        var a = left.Evaluate(context);
        var b = right.Evaluate(context);
        var result = op switch
        {
            TokenKind.Equal => ExpressionValues.AreEqual(a, b),
            TokenKind.NotEqual => !ExpressionValues.AreEqual(a, b),
            TokenKind.In => Contains(context, b, a),
            TokenKind.Less => Order(context, a, b) < 0,
            TokenKind.LessOrEqual => Order(context, a, b) <= 0,
            TokenKind.Greater => Order(context, a, b) > 0,
            _ => Order(context, a, b) >= 0,
        };
        return JsonValue.Create(result);
    }

    /// <summary>
    /// <c>needle in haystack</c>: an element of a list, a substring of a string, a key of an object.
    /// Also the rule of <c>contains(haystack, needle)</c>.
    /// </summary>
    internal static bool Contains(in EvaluationContext context, JsonNode? haystack, JsonNode? needle, (int Haystack, int Needle) offsets, string what)
    {
        switch (ExpressionValues.KindOf(haystack))
        {
            case JsonValueKind.Null:
                return false;
            case JsonValueKind.Array:
                foreach (var element in haystack!.AsArray())
                {
                    if (ExpressionValues.AreEqual(element, needle))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.String:
                if (!ExpressionValues.TryGetString(needle, out var part))
                {
                    throw context.Error(offsets.Needle, $"{what} looks for a substring in a string, but was given {ExpressionValues.Describe(needle)} to find");
                }

                return ExpressionValues.GetString(haystack!).Contains(part, StringComparison.Ordinal);
            case JsonValueKind.Object:
                if (!ExpressionValues.TryGetString(needle, out var key))
                {
                    throw context.Error(offsets.Needle, $"{what} looks for a key in an object, but was given {ExpressionValues.Describe(needle)} to find");
                }

                return haystack!.AsObject().ContainsKey(key);
            default:
                throw context.Error(offsets.Haystack, $"{what} needs a list, a string or an object to look in, not {ExpressionValues.Describe(haystack)}");
        }
    }

    private bool Contains(in EvaluationContext context, JsonNode? haystack, JsonNode? needle) =>
        Contains(context, haystack, needle, (Offset, Offset), "'in'");

    /// <summary>
    /// Orders numbers numerically and strings ordinally. Null stands for 0 or '' next to a number
    /// or a string, as in GitHub Actions; every other mix is an error rather than a coercion.
    /// </summary>
    private int Order(in EvaluationContext context, JsonNode? a, JsonNode? b)
    {
        var left = OrderKind(a);
        var right = OrderKind(b);
        if (left == JsonValueKind.Null && right == JsonValueKind.Null)
        {
            return 0;
        }

        var kind = left == JsonValueKind.Null ? right : left;
        if ((left == kind || left == JsonValueKind.Null) && (right == kind || right == JsonValueKind.Null))
        {
            if (kind == JsonValueKind.Number)
            {
                var x = a is null || left == JsonValueKind.Null ? 0 : ExpressionValues.GetNumber(a);
                var y = b is null || right == JsonValueKind.Null ? 0 : ExpressionValues.GetNumber(b);
                return x.CompareTo(y);
            }

            if (kind == JsonValueKind.String)
            {
                var x = left == JsonValueKind.Null ? string.Empty : ExpressionValues.GetString(a!);
                var y = right == JsonValueKind.Null ? string.Empty : ExpressionValues.GetString(b!);
                return string.CompareOrdinal(x, y);
            }

            throw context.Error(Offset, $"'{Symbol}' compares numbers or strings, not {ExpressionValues.Describe(left == kind ? a : b)}");
        }

        throw context.Error(Offset, $"cannot compare {ExpressionValues.Describe(a)} with {ExpressionValues.Describe(b)}");
    }

    private string Symbol => op switch
    {
        TokenKind.Less => "<",
        TokenKind.LessOrEqual => "<=",
        TokenKind.Greater => ">",
        _ => ">=",
    };

    private static JsonValueKind OrderKind(JsonNode? value) =>
        ExpressionValues.KindOf(value) switch
        {
            JsonValueKind.False => JsonValueKind.True,
            JsonValueKind.Undefined => JsonValueKind.Null,
            var kind => kind,
        };
}
