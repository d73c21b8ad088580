using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// Expressions inside a JSON tree, such as a node's <c>with</c>: every string value may be a
/// template. Property names are taken literally.
/// </summary>
public static class JsonTemplate
{
    /// <summary>
    /// A copy of <paramref name="value"/> with every string evaluated as an
    /// <see cref="ExpressionTemplate"/>: a string that is exactly one expression takes that
    /// expression's type; other strings stay strings.
    /// </summary>
    /// <exception cref="ExpressionException">An expression is not valid or failed; <see cref="ExpressionException.Path"/> says where.</exception>
    public static JsonNode? Evaluate(JsonElement value, IExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var path = new List<object>();
        try
        {
            return Evaluate(value, scope, path);
        }
        catch (ExpressionException e) when (e.Path is null)
        {
            throw e.AtPath(Format(path));
        }
    }

    /// <summary>
    /// Every string of <paramref name="value"/> that holds <c>${{</c>, with its path
    /// (<c>body.carrier</c>, <c>headers.Authorization</c>, <c>items[2]</c>, <c>''</c> for the value
    /// itself), in document order. Nothing is parsed here: callers parse each text and report
    /// the errors they find.
    /// </summary>
    public static IEnumerable<(string Path, string Text)> Strings(JsonElement value)
    {
        var found = new List<(string, string)>();
        Collect(value, new List<object>(), found);
        return found;
    }

    /// <summary>Names and indexes as a path: <c>body.rows[1]['odd key']</c>.</summary>
    private static string Format(IReadOnlyList<object> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment is int index)
            {
                text.Append('[').Append(index).Append(']');
            }
            else if (segment is string key && IsPlainName(key))
            {
                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(key);
            }
            else
            {
                text.Append("['").Append(((string)segment).Replace("'", "''", StringComparison.Ordinal)).Append("']");
            }
        }

        return text.ToString();
    }

    private static JsonNode? Evaluate(JsonElement value, IExpressionScope scope, List<object> path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in value.EnumerateObject())
                {
                    path.Add(property.Name);
                    obj[property.Name] = Evaluate(property.Value, scope, path);
                    path.RemoveAt(path.Count - 1);
                }

                return obj;
            case JsonValueKind.Array:
                var list = new JsonArray();
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    path.Add(i++);
                    list.Add(Evaluate(item, scope, path));
                    path.RemoveAt(path.Count - 1);
                }

                return list;
            case JsonValueKind.String:
                var text = value.GetString()!;
                return text.Contains("${{", StringComparison.Ordinal)
                    ? ExpressionTemplate.Parse(text).Evaluate(scope)
                    : JsonValue.Create(text);
            case JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(value.GetBoolean());
            case JsonValueKind.Number:
                // A clone, so the result outlives the document the element came from.
                return JsonValue.Create(value.Clone());
            default:
                return null;
        }
    }

    private static void Collect(JsonElement value, List<object> path, List<(string, string)> found)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    path.Add(property.Name);
                    Collect(property.Value, path, found);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    path.Add(i++);
                    Collect(item, path, found);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Contains("${{", StringComparison.Ordinal))
                {
                    found.Add((Format(path), text));
                }

                break;
            default:
                break;
        }
    }

    private static bool IsPlainName(string key)
    {
        if (key.Length == 0 || !ExpressionLexer.IsNameStart(key[0]))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!ExpressionLexer.IsNamePart(c))
            {
                return false;
            }
        }

        return true;
    }
}
