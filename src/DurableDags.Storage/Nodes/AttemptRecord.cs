using System.Text.Json.Serialization;
using DurableDags.Core.States;

namespace DurableDags.Storage.Nodes;

/// <summary>One attempt of one node instance: its own small record, written as the attempt moves.</summary>
public sealed record AttemptRecord
{
    public required string DagId { get; init; }

    public required string RunId { get; init; }

    public required string NodeId { get; init; }

    public int? MapIndex { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public required int Attempt { get; init; }

    public NodeState State { get; init; } = NodeState.Running;

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? Error { get; init; }

    /// <summary>For a failed attempt: whether the node's retries apply, so a repeated step after a crash decides as the first did.</summary>
    public bool Retryable { get; init; } = true;

    /// <summary>The end of the attempt's log written with its end (see <see cref="NodeAttempt.Log"/>).</summary>
    public string? Log { get; init; }

    /// <summary>
    /// <c>{runId}/{nodeId}/{attempt}</c> (<c>{runId}/{nodeId}.{mapIndex}/{attempt}</c> for a mapped
    /// instance), given to operators so a repeated call can be recognised by the receiver.
    /// </summary>
    public string IdempotencyKey => KeyFor(RunId, Instance, Attempt);

    [JsonIgnore]
    public NodeInstance Instance => new(NodeId, MapIndex);

    public static string KeyFor(string runId, NodeInstance instance, int attempt) => $"{runId}/{instance}/{attempt}";
}
