using System.Text.Json.Serialization;
using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

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
