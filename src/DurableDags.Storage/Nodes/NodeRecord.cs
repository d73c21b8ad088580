using System.Text.Json;
using System.Text.Json.Serialization;
using DurableDags.Core.States;

namespace DurableDags.Storage.Nodes;

/// <summary>
/// Where one node instance of a run stands. Each state change rewrites only this small record.
/// An output over the inline limit lives in an object of its own, named by <see cref="OutputRef"/>.
/// </summary>
public sealed record NodeRecord
{
    public required string DagId { get; init; }

    public required string RunId { get; init; }

    public required string NodeId { get; init; }

    /// <summary>The item's index for an instance of a mapped node; null otherwise.</summary>
    public int? MapIndex { get; init; }

    /// <summary>For a mapped node as a whole: how many instances its list produced.</summary>
    public int? MapCount { get; init; }

    /// <summary>
    /// For a mapped node as a whole: each item as short JSON text (at most <see cref="ItemTextLimit"/>
    /// characters, the first <see cref="ItemsKept"/> items), so a reader can tell the instances apart;
    /// the full items stay with the upstream output they come from.
    /// </summary>
    public IReadOnlyList<string>? Items { get; init; }

    /// <summary>How many items of a mapped node <see cref="Items"/> keeps: the record stays small.</summary>
    public const int ItemsKept = 1000;

    /// <summary>How long the text of one item in <see cref="Items"/> may be.</summary>
    public const int ItemTextLimit = 100;

    public NodeState State { get; init; } = NodeState.Pending;

    /// <summary>Attempts started so far.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? Error { get; init; }

    /// <summary>The output when it fits inline; null when absent or stored apart.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>The storage key of an output stored apart; read it with ReadOutputAsync.</summary>
    public string? OutputRef { get; init; }

    /// <summary>Size of the serialized output in bytes, inline or apart.</summary>
    public int? OutputSize { get; init; }

    /// <summary>The latest attempt; earlier ones are records of their own (see <see cref="NodeAttempt"/>).</summary>
    public NodeAttempt? LatestAttempt { get; init; }

    /// <summary>
    /// What the node waits for while it waits for an event, as its operator states it (an
    /// approval: event, message, approvers, deadline); kept after the wait for the record.
    /// </summary>
    public JsonElement? Wait { get; init; }

    /// <summary>Who sent the event the node waited for, and when (an approval's decision).</summary>
    public NodeDecision? Decision { get; init; }

    /// <summary>Set when the node's state was marked by hand (POST …/nodes/{nodeId}/mark).</summary>
    public NodeMark? Mark { get; init; }

    [JsonIgnore]
    public NodeInstance Instance => new(NodeId, MapIndex);
}
