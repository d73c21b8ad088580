using System.Text;

namespace DurableDags.Core.Validation;

/// <summary>
/// Reads the paths <see cref="Expressions.JsonTemplate.Strings"/> gives (<c>body.carrier</c>,
/// <c>items[2]</c>, <c>headers['X-Key']</c>) back into segments, to find the setting and the
/// place in the file of each string.
/// </summary>
internal static class TemplatePath
{
    public static List<string> Segments(string path)
    {
        var segments = new List<string>();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var key = new StringBuilder();
                for (i += 2; i < path.Length; i++)
                {
                    if (path[i] == '\'' && i + 1 < path.Length && path[i + 1] == '\'')
                    {
                        key.Append('\'');
                        i++;
                    }
                    else if (path[i] == '\'')
                    {
                        break;
                    }
                    else
                    {
                        key.Append(path[i]);
                    }
                }

                segments.Add(key.ToString());
                i += 2; // past "']"
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                var end = path.IndexOfAny(['.', '['], i);
                end = end < 0 ? path.Length : end;
                segments.Add(path[i..end]);
                i = end;
            }
        }

        return segments;
    }
}
