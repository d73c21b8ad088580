using System.Collections.Immutable;
using System.Text.Json.Serialization;
using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>
/// Where one node of a run stands. A mapped node's state is <c>pending</c> until its list is
/// known, <c>running</c> while its instances are not all final, then the aggregate of dag-format.md.
/// </summary>
public sealed record NodeSnapshot
{
    public required string Id { get; init; }

    [JsonConverter(typeof(WireNameEnumConverter<NodeState>))]
    public NodeState State { get; init; }

    /// <summary>A <see cref="ResolveNode"/> was given and its answer has not come yet.</summary>
    public bool Resolving { get; init; }

    /// <summary>Why the node failed as a whole (an expression error, an over-long list, failed instances).</summary>
    public string? Error { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>One entry for a plain node; one per item for an expanded mapped node, none before.</summary>
    public ImmutableArray<InstanceSnapshot> Instances { get; init; } = [];
}
