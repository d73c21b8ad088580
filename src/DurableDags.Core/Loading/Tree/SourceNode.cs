using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Loading.Tree;

/// <summary>
/// One value of a DAG file with the place it was written. The loader reads YAML into this small
/// tree instead of a YAML library's object model because every error must name a line and column,
/// and duplicate keys must be seen rather than silently overwritten.
/// </summary>
internal abstract class SourceNode(SourceLocation location)
{
    public SourceLocation Location { get; } = location;

    /// <summary>What the value is, for messages: "a list", "the string 'two'", "null"…</summary>
    public abstract string Describe();

    /// <summary>A copy placed at <paramref name="location"/>, for an alias used away from its anchor.</summary>
    public abstract SourceNode Relocate(SourceLocation location);

    /// <summary>Keys and values in this subtree, so alias expansion can be bounded.</summary>
    public abstract int Size { get; }

    /// <summary>Characters of the keys and values in this subtree, so alias expansion can be bounded in size too.</summary>
    public abstract long Characters { get; }
}
