using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>
/// All the state of one run's planner, immutable and serialisable with System.Text.Json.
/// <see cref="RunPlanner.Restore"/> continues from it exactly; upstream counters are not stored
/// because they follow from the node states.
/// </summary>
public sealed record PlannerSnapshot
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string DagId { get; init; }

    [JsonConverter(typeof(WireNameEnumConverter<RunState>))]
    public RunState State { get; init; }

    public bool CancelRequested { get; init; }

    /// <summary>The latest time an event carried; the end time of nodes decided without one.</summary>
    public DateTimeOffset? Clock { get; init; }

    /// <summary>Every node, in file order.</summary>
    public ImmutableArray<NodeSnapshot> Nodes { get; init; } = [];

    /// <summary>Instances waiting for a free slot, first out first.</summary>
    public ImmutableArray<NodeKey> Queue { get; init; } = [];
}

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

/// <summary>Where one node instance of a run stands.</summary>
public sealed record InstanceSnapshot
{
    /// <summary>Null for a plain node; the item's position for a mapped one.</summary>
    public int? Index { get; init; }

    [JsonConverter(typeof(WireNameEnumConverter<NodeState>))]
    public NodeState State { get; init; }

    /// <summary>Attempts started so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The last attempt's error, or why the instance could not run.</summary>
    public string? Error { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When the next attempt is due, while <c>up_for_retry</c>.</summary>
    public DateTimeOffset? RetryDueAt { get; init; }
}

/// <summary>
/// Writes states by their wire names (<c>upstream_failed</c>), the spelling of
/// <see cref="States.WireNames"/>, so snapshots read the same as the API and the UI.
/// </summary>
internal sealed class WireNameEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
