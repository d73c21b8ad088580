using YamlDotNet.Core;

namespace DurableDags.Core.Loading.Tree;

/// <summary>
/// Maps a character of a scalar's value back to the file: past its anchor or tag, its opening
/// quote, and escapes such as <c>''</c> in single quotes or <c>\n</c> in double quotes.
/// </summary>
internal static class ScalarText
{
    /// <summary>The index in <paramref name="text"/> of value character <paramref name="offset"/>, or null.</summary>
    public static int? RawIndex(string text, ScalarSpan span, ScalarStyle style, string value, int offset)
    {
        if (offset < 0 || offset > value.Length || span.EndIndex > text.Length)
        {
            return null;
        }

        var i = SkipProperties(text, span.StartIndex, span.EndIndex);
        switch (style)
        {
            case ScalarStyle.Plain:
                return i + offset;
            case ScalarStyle.SingleQuoted when i < span.EndIndex && text[i] == '\'':
                i++;
                for (var k = 0; k < offset && i < span.EndIndex; k++)
                {
                    i += text[i] == '\'' ? 2 : 1;
                }

                return i < span.EndIndex ? i : null;
            case ScalarStyle.DoubleQuoted when i < span.EndIndex && text[i] == '"':
                i++;
                for (var k = 0; k < offset && i < span.EndIndex; k++)
                {
                    i += text[i] == '\\' ? EscapeLength(text[i + 1]) : 1;
                }

                return i < span.EndIndex ? i : null;
            default:
                return null;
        }
    }

    /// <summary>Skips <c>&amp;anchor</c> and <c>!tag</c> written before the value.</summary>
    private static int SkipProperties(string text, int i, int end)
    {
        while (i < end && text[i] is '&' or '!')
        {
            while (i < end && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
        }

        return i;
    }

    private static int EscapeLength(char c) => c switch
    {
        'x' => 4,
        'u' => 6,
        'U' => 10,
        _ => 2,
    };
}
