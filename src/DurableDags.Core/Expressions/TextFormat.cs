using System.Text;
using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// <c>format('{0} of {1}', a, b)</c>, as in GitHub Actions: <c>{N}</c> is argument N after the
/// template, formatted as text; <c>{{</c> and <c>}}</c> are literal braces.
/// </summary>
internal static class TextFormat
{
    public static JsonNode? Format(in FunctionCall call)
    {
        var template = call.String(0, "a template string");
        var values = new JsonNode?[call.Count - 1];
        for (var argument = 1; argument < call.Count; argument++)
        {
            values[argument - 1] = call.Value(argument);
        }

        var text = new StringBuilder(template.Length + 16);
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                text.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                text.Append('}');
                i += 2;
            }
            else if (c == '{')
            {
                var close = template.IndexOf('}', i + 1);
                if (close < 0 || !TryParseIndex(template.AsSpan(i + 1, close - i - 1), out var index))
                {
                    throw call.Error(0, $"format() template has '{{' at position {i + 1} that is not '{{N}}' or '{{{{'");
                }

                if (index >= values.Length)
                {
                    throw call.Error(0, $"format() template refers to {{{index}}}, but {Count(values.Length)} given");
                }

                text.Append(ExpressionValues.ToText(values[index]));
                i = close + 1;
            }
            else if (c == '}')
            {
                throw call.Error(0, $"format() template has '}}' at position {i + 1}; write '}}}}' for a literal brace");
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        return JsonValue.Create(text.ToString());
    }

    private static string Count(int values) => values switch
    {
        0 => "no values were",
        1 => "only 1 value was",
        _ => $"only {values} values were",
    };

    private static bool TryParseIndex(ReadOnlySpan<char> digits, out int index)
    {
        index = 0;
        if (digits.IsEmpty || digits.Length > 3)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }

            index = (index * 10) + (c - '0');
        }

        return true;
    }
}
