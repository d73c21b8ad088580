using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Loading.Tree;

/// <summary>A YAML mapping or JSON object. Keys are unique (the reader reports and drops repeats).</summary>
internal sealed class SourceMapping(SourceLocation location, IReadOnlyList<SourceEntry> entries) : SourceNode(location)
{
    /// <summary>Big mappings (the <c>nodes</c> of a large DAG) get an index; small ones are scanned.</summary>
    private const int IndexThreshold = 16;

    private Dictionary<string, SourceEntry>? _index;
    private int _size;
    private long _characters = -1;

    public IReadOnlyList<SourceEntry> Entries { get; } = entries;

    // Computed once: an anchor used by many aliases is asked each time.
    public override int Size => _size > 0 ? _size : _size = 1 + Entries.Sum(e => e.Value.Size + 1);

    public override long Characters => _characters >= 0 ? _characters : _characters = Entries.Sum(e => e.Key.Value.Length + e.Value.Characters);

    public override string Describe() => "a mapping";

    public override SourceNode Relocate(SourceLocation location) =>
        new SourceMapping(location, [.. Entries.Select(e => new SourceEntry((SourceScalar)e.Key.Relocate(location), e.Value.Relocate(location)))]);

    public SourceEntry? Find(string key)
    {
        if (Entries.Count > IndexThreshold)
        {
            _index ??= Entries.ToDictionary(e => e.Key.Value, StringComparer.Ordinal);
            return _index.TryGetValue(key, out var hit) ? hit : null;
        }

        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }
}
