using DurableDags.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DurableDags.Core.Loading.Tree;

/// <summary>
/// Reads YAML (and so JSON) at the parser-event level into a <see cref="SourceNode"/> tree, keeping
/// the line and column of every value. Reports duplicate keys (YAML libraries keep the last one
/// silently), unknown aliases, unsupported tags and merge keys, instead of guessing.
/// The bounds of <see cref="DagLimits"/> are checked as events arrive, and reading stops at the
/// first one passed: the parser then never scans the rest of a hostile file (its cost per event
/// grows with the nesting depth, so scanning 100,000 levels takes minutes).
/// </summary>
internal sealed class SourceTreeReader
{
    internal const int MaxAliasExpansion = DagLimits.MaxAliasExpansion;

    internal const int MaxDepth = DagLimits.MaxDepth;

    /// <summary>Events between two looks at the cancellation token: often enough to stop within milliseconds.</summary>
    private const int EventsPerCancellationCheck = 1024;

    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private readonly string _file;
    private readonly string _text;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, SourceNode> _anchors = new(StringComparer.Ordinal);
    private readonly IParser _parser;
    private readonly CancellationToken _cancellationToken;
    private int _aliasBudget = MaxAliasExpansion;
    private int _values;
    private long _characters;
    private int _events;

    private SourceTreeReader(string file, string text, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        _file = file;
        _text = text;
        _diagnostics = diagnostics;
        _cancellationToken = cancellationToken;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>The single document of the file, or null (with a diagnostic) when there is none to read.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while reading.</exception>
    public static SourceNode? Read(string file, string text, DiagnosticBag diagnostics, CancellationToken cancellationToken = default) =>
        new SourceTreeReader(file, text, diagnostics, cancellationToken).ReadStream();

    private SourceNode? ReadStream()
    {
        try
        {
            Advance(); // StreamStart
            Advance();
            if (_parser.Current is StreamEnd)
            {
                _diagnostics.Add(new SourceLocation(_file, 1, 1), "the file is empty; a DAG needs at least 'id' and 'nodes'");
                return null;
            }

            Advance(); // DocumentStart
            var root = ReadNode(0);
            Advance(); // DocumentEnd
            if (_parser.Current is DocumentStart second)
            {
                _diagnostics.Add(At(second.Start), "a DAG file holds one YAML document; this second one (after '---') is not read");
            }

            return root;
        }
        catch (StopReading stop)
        {
            _diagnostics.Add(stop.Diagnostic);
            return null;
        }
        catch (YamlException e)
        {
            _diagnostics.Add(SyntaxError(e));
            return null;
        }
        catch (InvalidOperationException e) when (e.Source == typeof(Parser).Assembly.GetName().Name)
        {
            // YamlDotNet fails this way on some broken input (such as an unclosed '[' followed by
            // more lines) instead of with a YamlException; the last event read is the best place known.
            var at = _parser.Current is { } last ? At(last.End) : new SourceLocation(_file, 1, 1);
            _diagnostics.Add(at, "invalid YAML after this point; look for an unclosed '[', '{' or quote");
            return null;
        }
    }

    private SourceNode ReadNode(int depth)
    {
        var current = _parser.Current ?? throw Stop(new SourceLocation(_file, 1, 1), "invalid YAML: the file ends where a value is expected");
        if (depth > MaxDepth)
        {
            throw Stop(At(current.Start), $"values are nested more than {MaxDepth} levels deep (the limit); reading stopped here");
        }

        var node = current switch
        {
            AnchorAlias alias => ReadAlias(alias),
            Scalar scalar => ReadScalar(scalar),
            SequenceStart sequence => ReadSequence(sequence, depth),
            MappingStart mapping => ReadMapping(mapping, depth),

            // YamlDotNet gives some broken input (a key with no value after a nested mapping) as
            // an end event where a value belongs, instead of failing.
            _ => throw Stop(At(current.Start), "invalid YAML: a value is missing here; look for a ':' with no key or value"),
        };

        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors[anchored.Anchor.Value] = node;
        }

        return node;
    }

    private SourceScalar ReadScalar(Scalar scalar)
    {
        Count(scalar.Start, 1, scalar.Value.Length);
        Advance();
        var location = At(scalar.Start);
        var span = new ScalarSpan((int)scalar.Start.Index, (int)scalar.End.Index, (int)scalar.Start.Line, (int)scalar.Start.Column,
            scalar.Start.Line == scalar.End.Line);
        var kind = scalar.Style == ScalarStyle.Plain ? ScalarResolver.Resolve(scalar.Value) : ScalarKind.String;
        if (!scalar.Tag.IsEmpty)
        {
            if (ScalarResolver.FromTag(scalar.Tag.Value) is not { } tagged)
            {
                _diagnostics.Add(location, $"unsupported YAML tag '{Short(scalar.Tag.Value)}'; write a plain value instead");
            }
            else if (!ScalarResolver.Matches(scalar.Value, tagged))
            {
                _diagnostics.Add(location, $"'{scalar.Value}' is not a valid {tagged.ToString().ToLowerInvariant()} for the tag '{Short(scalar.Tag.Value)}'");
            }
            else
            {
                kind = tagged;
            }
        }

        return new SourceScalar(location, scalar.Value, kind, scalar.Style, span);
    }

    private SourceSequence ReadSequence(SequenceStart start, int depth)
    {
        CheckCollectionTag(start, "tag:yaml.org,2002:seq");
        Advance();
        var items = new List<SourceNode>();
        while (_parser.Current is not SequenceEnd)
        {
            items.Add(ReadNode(depth + 1));
        }

        Advance();
        return new SourceSequence(At(start.Start), items);
    }

    private SourceMapping ReadMapping(MappingStart start, int depth)
    {
        CheckCollectionTag(start, "tag:yaml.org,2002:map");
        Advance();
        var entries = new List<SourceEntry>();
        while (_parser.Current is not MappingEnd)
        {
            var keyNode = ReadNode(depth + 1);
            var value = ReadNode(depth + 1);
            if (keyNode is not SourceScalar key)
            {
                _diagnostics.Add(keyNode.Location, $"keys must be plain strings, got {keyNode.Describe()}");
            }
            else if (key.Value == "<<" && key.Style == ScalarStyle.Plain)
            {
                _diagnostics.Add(key.Location, "merge keys ('<<') are not supported; write the keys out, or put settings shared by all nodes in 'defaults'");
            }
            else
            {
                entries.Add(new SourceEntry(key, value));
            }
        }

        Advance();
        return new SourceMapping(At(start.Start), Unique(entries));
    }

    /// <summary>The entries with every repeated key reported and dropped; the first one stays.</summary>
    private List<SourceEntry> Unique(List<SourceEntry> entries)
    {
        // Most mappings are small; comparing pairs beats building a dictionary for each.
        const int SmallMapping = 12;
        var seen = entries.Count > SmallMapping ? new Dictionary<string, SourceLocation>(StringComparer.Ordinal) : null;
        var unique = new List<SourceEntry>(entries.Count);
        foreach (var entry in entries)
        {
            SourceLocation? first = null;
            if (seen is not null)
            {
                first = seen.TryAdd(entry.Key.Value, entry.Key.Location) ? null : seen[entry.Key.Value];
            }
            else
            {
                foreach (var kept in unique)
                {
                    if (string.Equals(kept.Key.Value, entry.Key.Value, StringComparison.Ordinal))
                    {
                        first = kept.Key.Location;
                        break;
                    }
                }
            }

            if (first is { } at)
            {
                _diagnostics.Add(entry.Key.Location, $"duplicate key '{entry.Key.Value}'; it is already set at line {at.Line}, column {at.Column}");
            }
            else
            {
                unique.Add(entry);
            }
        }

        return unique;
    }

    private SourceNode ReadAlias(AnchorAlias alias)
    {
        Advance();
        var location = At(alias.Start);
        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
        {
            _diagnostics.Add(location, $"alias '*{alias.Value.Value}' refers to no anchor '&{alias.Value.Value}' defined before it");
            return new SourceScalar(location, string.Empty, ScalarKind.Null, ScalarStyle.Plain, null);
        }

        _aliasBudget -= target.Size;
        if (_aliasBudget < 0)
        {
            throw Stop(location, $"aliases expand to more than {MaxAliasExpansion} values (the limit); write the values out instead");
        }

        Count(alias.Start, target.Size, target.Characters);

        // The copy carries the alias's position: an error inside it is about this use of the anchor.
        return target.Relocate(location);
    }

    /// <summary>Counts values and characters read (an alias counts what it stands for) against the limits.</summary>
    private void Count(Mark at, int values, long characters)
    {
        _values += values;
        _characters += characters;
        if (_values > DagLimits.MaxValues)
        {
            throw Stop(At(at), $"the file holds more than {DagLimits.MaxValues} keys and values (the limit), counting what aliases stand for; reading stopped here");
        }

        if (_characters > DagLimits.MaxExpandedCharacters)
        {
            throw Stop(At(at), $"the file's keys and values add up to more than {DagLimits.MaxExpandedCharacters} characters (the limit), counting what aliases stand for; reading stopped here");
        }
    }

    private void CheckCollectionTag(NodeEvent start, string expected)
    {
        if (!start.Tag.IsEmpty && start.Tag.Value != "!" && start.Tag.Value != expected)
        {
            _diagnostics.Add(At(start.Start), $"unsupported YAML tag '{Short(start.Tag.Value)}'; write a plain value instead");
        }
    }

    private Diagnostic SyntaxError(YamlException e)
    {
        var message = e.Message.TrimEnd('.');
        if (message.Length > 0)
        {
            message = char.ToLowerInvariant(message[0]) + message[1..];
        }

        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent((int)e.Start.Index) is { } tab)
        {
            return new Diagnostic(tab, "a tab indents this line; YAML indents with spaces only");
        }

        var start = e.Start.Line > 0 ? At(e.Start) : new SourceLocation(_file, 1, 1);
        return new Diagnostic(start, $"invalid YAML: {message}");
    }

    /// <summary>The parser reports a tab where the scalar before it began; point at the tab itself.</summary>
    private SourceLocation? FirstTabIndent(int fromIndex)
    {
        fromIndex = Math.Clamp(fromIndex, 0, _text.Length);
        var line = 1 + _text.AsSpan(0, fromIndex).Count('\n');
        var lineStart = fromIndex == 0 ? 0 : _text.LastIndexOf('\n', fromIndex - 1) + 1;
        while (lineStart < _text.Length)
        {
            for (var i = lineStart; i < _text.Length && _text[i] is ' ' or '\t'; i++)
            {
                if (_text[i] == '\t')
                {
                    return new SourceLocation(_file, line, i - lineStart + 1);
                }
            }

            var end = _text.IndexOf('\n', lineStart);
            if (end < 0)
            {
                break;
            }

            lineStart = end + 1;
            line++;
        }

        return null;
    }

    /// <summary>Tags as written: <c>!!int</c> rather than <c>tag:yaml.org,2002:int</c>.</summary>
    private static string Short(string tag) => tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag[CoreTagPrefix.Length..] : tag;

    private void Advance()
    {
        if (++_events % EventsPerCancellationCheck == 0)
        {
            _cancellationToken.ThrowIfCancellationRequested();
        }

        _parser.MoveNext();
    }

    private SourceLocation At(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);

    private static StopReading Stop(SourceLocation at, string message) => new(new Diagnostic(at, message));

    /// <summary>Ends reading at a limit or at input the parser cannot continue from; the one error is the file's answer.</summary>
    private sealed class StopReading(Diagnostic diagnostic) : Exception(diagnostic.ToString())
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }
}
