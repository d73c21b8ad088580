using System.Globalization;
using System.Text;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading.Tree;
using YamlDotNet.Core;

namespace DurableDags.Core.Loading;

/// <summary>
/// Finds where a value of a loaded DAG was written, by JSON Pointer (<c>/nodes/cost/with/url</c>),
/// so checks that run on the immutable model can still name a line and column. A DAG built in code
/// has an empty map: its messages name the file only.
/// </summary>
public sealed class SourceMap
{
    private readonly SourceNode? _root;
    private readonly string _text;

    private SourceMap(string file, string text, SourceNode? root)
    {
        File = file;
        _text = text;
        _root = root;
    }

    public string File { get; }

    public static SourceMap Empty(string file) => new(file, string.Empty, null);

    internal static SourceMap Of(string file, string text, SourceNode root) => new(file, text, root);

    /// <summary>A JSON Pointer from its segments, escaping '~' and '/' inside them.</summary>
    public static string Pointer(params IEnumerable<string> segments)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            text.Append('/').Append(segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return text.ToString();
    }

    /// <summary>Where the value at <paramref name="pointer"/> starts; the nearest written parent when it is absent.</summary>
    public SourceLocation Locate(string pointer) => Walk(pointer).Node?.Location ?? SourceLocation.None(File);

    /// <summary>Where the key naming the value at <paramref name="pointer"/> is written (a node id, a param name).</summary>
    public SourceLocation LocateKey(string pointer)
    {
        var (node, key) = Walk(pointer);
        return key?.Location ?? node?.Location ?? SourceLocation.None(File);
    }

    /// <summary>
    /// Where a list at <paramref name="pointer"/> holds <paramref name="value"/> for the
    /// <paramref name="occurrence"/>-th time (0 for the first); a single value written instead of a
    /// list (<c>needs: a</c>) is found too.
    /// </summary>
    public SourceLocation LocateItem(string pointer, string value, int occurrence = 0)
    {
        var (node, _) = Walk(pointer);
        if (node is SourceSequence sequence)
        {
            foreach (var item in sequence.Items)
            {
                if (item is SourceScalar scalar && scalar.Value == value && occurrence-- == 0)
                {
                    return item.Location;
                }
            }
        }

        return node?.Location ?? SourceLocation.None(File);
    }

    /// <summary>
    /// The exact line and column of character <paramref name="offset"/> of the string at
    /// <paramref name="pointer"/>, when it is written on one line; else where the string starts.
    /// </summary>
    public SourceLocation LocateInString(string pointer, int offset)
    {
        var (node, _) = Walk(pointer);
        if (node is SourceScalar { Span: { SingleLine: true } span } scalar
            && ScalarText.RawIndex(_text, span, scalar.Style, scalar.Value, offset) is { } raw)
        {
            return new SourceLocation(File, span.Line, span.Column + (raw - span.StartIndex));
        }

        return node?.Location ?? SourceLocation.None(File);
    }

    private (SourceNode? Node, SourceScalar? Key) Walk(string pointer)
    {
        var node = _root;
        SourceScalar? key = null;
        if (node is null || pointer.Length == 0)
        {
            return (node, key);
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            SourceNode? next = null;
            if (node is SourceMapping mapping && mapping.Find(segment) is { } entry)
            {
                next = entry.Value;
                key = entry.Key;
            }
            else if (node is SourceSequence sequence
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sequence.Items.Count)
            {
                next = sequence.Items[index];
                key = null;
            }

            if (next is null)
            {
                return (node, null);
            }

            node = next;
        }

        return (node, key);
    }
}
