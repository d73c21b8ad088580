using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Loading.Tree;

/// <summary>A YAML sequence or JSON array.</summary>
internal sealed class SourceSequence(SourceLocation location, IReadOnlyList<SourceNode> items) : SourceNode(location)
{
    private int _size;
    private long _characters = -1;

    public IReadOnlyList<SourceNode> Items { get; } = items;

    // Computed once: an anchor used by many aliases is asked each time.
    public override int Size => _size > 0 ? _size : _size = 1 + Items.Sum(i => i.Size);

    public override long Characters => _characters >= 0 ? _characters : _characters = Items.Sum(i => i.Characters);

    public override string Describe() => "a list";

    public override SourceNode Relocate(SourceLocation location) =>
        new SourceSequence(location, [.. Items.Select(i => i.Relocate(location))]);
}
