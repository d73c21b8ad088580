using DurableDags.Core.States;
using DurableDags.Engine.Telemetry;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;

namespace DurableDags.Engine.Activities;

/// <summary>
/// <see cref="DagActivityNames.RecordNodeStates"/>: one orchestrator turn's node changes, each
/// written to its own small node record (with the attempt's end, where the orchestrator ended
/// one). Records of one batch are distinct, so they are written side by side.
/// </summary>
public sealed class RecordNodeStatesActivity(ICheckpointStore store, TimeProvider time)
{
    private const int Parallelism = 32;

    public async Task<int> RunAsync(RecordNodeStatesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var retries = 0;
        await Parallel.ForEachAsync(input.Changes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (change, ct) =>
            {
                if (await WriteAsync(input, change, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref retries);
                }
            }).ConfigureAwait(false);
        RunTelemetry.Retried(input.DagId, retries);
        return input.Changes.Length;
    }

    /// <summary>
    /// The write puts the node up for retry after this attempt for the first time. A node waiting
    /// out its retry delay is written up for retry again by every later generation (and by a
    /// batch that runs twice); only the first of those writes is a retry.
    /// </summary>
    private static bool StartsRetry(NodeRecord before, NodeRecord after) =>
        after.State == NodeState.UpForRetry && (before.State, before.Attempts) != (NodeState.UpForRetry, after.Attempts);

    /// <summary>
    /// A batch written late must not take back a final state a step activity already wrote, nor a
    /// later attempt: a new generation writes a node waiting out its retry delay again, and that
    /// batch can land after the retry's step has begun the next attempt (it is not ordered after it).
    /// </summary>
    private static bool Regresses(NodeRecord record, NodeStateChange change) =>
        change.Attempts < record.Attempts || (record.State.IsFinal() && !change.State.IsFinal() && change.Attempts <= record.Attempts);

    /// <returns>True when this write put the node up for retry (see <see cref="StartsRetry"/>).</returns>
    private async Task<bool> WriteAsync(RecordNodeStatesInput input, NodeStateChange change, CancellationToken cancellationToken)
    {
        var node = new NodeRecordWriter(store, input.DagId, input.RunId, new NodeInstance(change.NodeId, change.MapIndex));
        if (change.FirstWrite)
        {
            node.AssumeAbsent();
        }

        var now = time.GetUtcNow();
        // Decided on the record the write lands on: a write lost to a concurrent one is applied again.
        var retry = false;
        await node.UpdateAsync(record =>
        {
            retry = false;
            var regresses = Regresses(record, change);
            if (regresses && change.EndedAttempt is null)
            {
                return null;
            }

            var next = regresses ? record : record with
            {
                State = change.State,
                Attempts = change.Attempts,
                StartedAt = change.StartedAt ?? record.StartedAt,
                EndedAt = change.EndedAt,
                Error = change.Error,
                MapCount = change.MapCount ?? record.MapCount,
                Output = change.Output ?? record.Output,
                Mark = change.Mark is { } mark
                    ? new NodeMark { NodeId = mark.NodeId, State = mark.State, Reason = mark.Reason, By = mark.By, At = mark.At }
                    : record.Mark,
            };
            retry = StartsRetry(record, next);
            return change.EndedAttempt is { } attempt
                ? AttemptTransitions.EndedByOrchestrator(next, attempt, change.State, change.StartedAt, change.EndedAt ?? now, change.Error)
                : next;
        }, cancellationToken).ConfigureAwait(false);
        return retry;
    }
}
