using DurableDags.Core.States;
using DurableDags.Storage.Nodes;

namespace DurableDags.Engine.Activities;

/// <summary>
/// How a node record's <see cref="NodeRecord.LatestAttempt"/> moves, as pure changes for
/// <see cref="NodeRecordWriter"/>. Each returns null when the record already shows the change,
/// so a repeated step (after a crash) or a late one (after a timeout) writes nothing.
/// </summary>
internal static class AttemptTransitions
{
    /// <summary>Attempt <paramref name="attempt"/> starts: the node is running it.</summary>
    public static NodeRecord? Begin(NodeRecord record, int attempt, DateTimeOffset at) =>
        record.LatestAttempt is { } latest && latest.Number >= attempt
            ? null
            : record with
            {
                State = NodeState.Running,
                Attempts = attempt,
                StartedAt = record.StartedAt ?? at,
                EndedAt = null,
                Error = null,
                LatestAttempt = new NodeAttempt { Number = attempt, StartedAt = at },
            };

    /// <summary>
    /// The step saw the attempt end. Only the attempt changes: whether the node retries, fails or
    /// was skipped is the orchestrator's to record. Null when the attempt is not open any more.
    /// </summary>
    /// <param name="log">The ending step's log, when it is written with the end (see <see cref="NodeAttempt.Log"/>).</param>
    public static NodeRecord? End(NodeRecord record, int attempt, NodeState state, DateTimeOffset at, string? error = null, bool retryable = true, string? log = null) =>
        record.LatestAttempt is { EndedAt: null } latest && latest.Number == attempt
            ? record with { LatestAttempt = latest with { State = state, EndedAt = at, Error = error, Retryable = retryable, Log = log } }
            : null;

    /// <summary>The step's attempt succeeded: the node succeeded with its output, in the same write.</summary>
    public static NodeRecord? Succeed(NodeRecord record, int attempt, DateTimeOffset at, System.Text.Json.JsonElement? output, string? log = null) =>
        End(record, attempt, NodeState.Succeeded, at, log: log) is { } ended
            ? ended with
            {
                Output = output,
                State = NodeState.Succeeded,
                Attempts = attempt,
                StartedAt = record.StartedAt ?? record.LatestAttempt!.StartedAt,
                EndedAt = at,
                Error = null,
            }
            : null;

    /// <summary>
    /// The orchestrator ended the attempt (a timeout, a cancel, a wait or a child run that ended, a
    /// noop). An attempt no step ever started is recorded as starting with its node when it is the
    /// first, and when it ended otherwise.
    /// </summary>
    public static NodeRecord EndedByOrchestrator(NodeRecord record, int attempt, NodeState nodeState, DateTimeOffset? nodeStartedAt, DateTimeOffset at, string? error)
    {
        var startedAt = attempt == 1 && nodeStartedAt is { } first ? first : at;
        var state = nodeState == NodeState.UpForRetry ? NodeState.Failed : nodeState;
        return record.LatestAttempt switch
        {
            { } latest when latest.Number > attempt || (latest.Number == attempt && latest.EndedAt is not null) => record,
            { } latest when latest.Number == attempt => record with { LatestAttempt = latest with { State = state, EndedAt = at, Error = error } },
            _ => record with { LatestAttempt = new NodeAttempt { Number = attempt, State = state, StartedAt = startedAt, EndedAt = at, Error = error } },
        };
    }
}
