using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;

namespace DurableDags.Engine.Activities;

/// <summary>
/// <see cref="DagActivityNames.RecordNodeStates"/>: one orchestrator turn's node changes, each
/// written to its own small node record (and, where the orchestrator ended an attempt, to that
/// attempt's record). Records of one batch are distinct, so they are written side by side.
/// </summary>
public sealed class RecordNodeStatesActivity(ICheckpointStore store, TimeProvider time)
{
    private const int Parallelism = 8;

    public async Task<int> RunAsync(RecordNodeStatesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await Parallel.ForEachAsync(input.Changes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            (change, ct) => new ValueTask(WriteAsync(input, change, ct))).ConfigureAwait(false);
        return input.Changes.Length;
    }

    /// <summary>A batch written late must not take back a final state a step activity already wrote.</summary>
    private static bool Regresses(NodeRecord record, NodeStateChange change) =>
        record.State.IsFinal() && !change.State.IsFinal() && change.Attempts <= record.Attempts;

    private async Task WriteAsync(RecordNodeStatesInput input, NodeStateChange change, CancellationToken cancellationToken)
    {
        var instance = new NodeInstance(change.NodeId, change.MapIndex);
        await NodeRecords.UpdateAsync(store, input.DagId, input.RunId, instance, record => Regresses(record, change) ? record : record with
        {
            State = change.State,
            Attempts = change.Attempts,
            StartedAt = change.StartedAt ?? record.StartedAt,
            EndedAt = change.EndedAt,
            Error = change.Error,
            MapCount = change.MapCount ?? record.MapCount,
            Output = change.Output ?? record.Output,
        }, cancellationToken).ConfigureAwait(false);
        if (change.EndedAttempt is not { } attempt)
        {
            return;
        }

        var now = time.GetUtcNow();
        var attempts = await store.ListAttemptsAsync(input.DagId, input.RunId, instance, cancellationToken).ConfigureAwait(false);
        var existing = attempts.FirstOrDefault(a => a.Attempt == attempt);
        await store.PutAttemptAsync((existing ?? new AttemptRecord
        {
            DagId = input.DagId,
            RunId = input.RunId,
            NodeId = change.NodeId,
            MapIndex = change.MapIndex,
            Attempt = attempt,
            StartedAt = change.EndedAt ?? now,
        }) with
        {
            State = change.State == NodeState.UpForRetry ? NodeState.Failed : change.State,
            EndedAt = change.EndedAt ?? now,
            Error = change.Error,
        }, cancellationToken).ConfigureAwait(false);
    }
}
