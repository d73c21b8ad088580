namespace DurableDags.Core.Planning;

/// <summary>
/// One node instance of a run: a plain node (<see cref="Index"/> null) or one item of a
/// <c>foreach</c> node (<see cref="Index"/> 0..N-1).
/// </summary>
public readonly record struct NodeKey(string NodeId, int? Index = null)
{
    public override string ToString() => Index is { } i ? $"{NodeId}[{i}]" : NodeId;
}
