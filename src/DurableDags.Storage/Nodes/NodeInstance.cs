using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Nodes;

/// <summary>
/// A node of a run, or one mapped instance of a <c>foreach</c> node. Written <c>cost</c> or
/// <c>cost.3</c>: node ids cannot hold '.', so the form is unambiguous.
/// </summary>
public readonly record struct NodeInstance(string NodeId, int? MapIndex = null)
{
    public override string ToString() => MapIndex is { } index ? $"{NodeId}.{index}" : NodeId;

    /// <summary>Throws naming what is wrong, before the instance reaches a storage key.</summary>
    internal string ToKeySegment()
    {
        ObjectKey.RequireSegment(NodeId, "nodeId");
        if (NodeId.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"nodeId '{NodeId}' is not a valid id: node ids cannot hold '.'.", "nodeId");
        }

        if (MapIndex is < 0)
        {
            throw new ArgumentException($"mapIndex {MapIndex} of node '{NodeId}' is negative.", "mapIndex");
        }

        return ToString();
    }
}
