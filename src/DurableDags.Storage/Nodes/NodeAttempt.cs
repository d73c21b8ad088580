using DurableDags.Core.States;

namespace DurableDags.Storage.Nodes;

/// <summary>
/// The latest attempt of a node instance, held inside its <see cref="NodeRecord"/>. Starting and
/// ending the attempt then rewrite that one record, so a node that succeeds at its first attempt
/// costs two small writes. An earlier attempt is archived as an <see cref="AttemptRecord"/> of its
/// own when the next one replaces it.
/// </summary>
public sealed record NodeAttempt
{
    /// <summary>1 for the first attempt.</summary>
    public required int Number { get; init; }

    public NodeState State { get; init; } = NodeState.Running;

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? Error { get; init; }

    /// <summary>For a failed attempt: whether the node's retries apply, so a repeated step after a crash decides as the first did.</summary>
    public bool Retryable { get; init; } = true;

    /// <summary>
    /// The log of the step that ended the attempt, when it was small enough to be written with that
    /// end rather than as a chunk of its own; read after the attempt's chunks.
    /// </summary>
    public string? Log { get; init; }

    /// <summary>The attempt as the record of its own it becomes when archived, or as listed.</summary>
    public AttemptRecord ToRecord(NodeRecord node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new AttemptRecord
        {
            DagId = node.DagId,
            RunId = node.RunId,
            NodeId = node.NodeId,
            MapIndex = node.MapIndex,
            Attempt = Number,
            State = State,
            StartedAt = StartedAt,
            EndedAt = EndedAt,
            Error = Error,
            Retryable = Retryable,
            Log = Log,
        };
    }
}
