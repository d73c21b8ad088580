using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Loading.Tree;

/// <summary>A YAML sequence or JSON array.</summary>
internal sealed class SourceSequence(SourceLocation location, IReadOnlyList<SourceNode> items) : SourceNode(location)
{
    public IReadOnlyList<SourceNode> Items { get; } = items;

    public override int Size => 1 + Items.Sum(i => i.Size);

    public override string Describe() => "a list";

    public override SourceNode Relocate(SourceLocation location) =>
        new SourceSequence(location, [.. Items.Select(i => i.Relocate(location))]);
}
