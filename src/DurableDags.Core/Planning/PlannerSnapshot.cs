using System.Collections.Immutable;
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
