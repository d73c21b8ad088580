using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Runs;

/// <summary>
/// Everything a rerun needs before its orchestration starts, shared by every launcher: the
/// original run's node states as a planner snapshot, the planner's choice of what to clear, the new
/// run record (pinned to the original's version and params), and copies of the kept nodes' records,
/// attempts and logs under the new run, so downstream nodes read the kept outputs and the run view
/// shows them. The launcher then starts the orchestration from the returned snapshot.
/// </summary>
public sealed class RerunPreparation(ICheckpointStore store, DagVersionCache versions, TimeProvider time)
{
    /// <exception cref="InvalidOperationException">The original run does not exist or has not ended.</exception>
    public async Task<(RunStart Start, PlannerSnapshot Snapshot)> PrepareAsync(RunRerun rerun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rerun);
        var original = (await store.GetRunAsync(rerun.DagId, rerun.RunId, cancellationToken).ConfigureAwait(false))?.Value
            ?? throw new InvalidOperationException($"DAG '{rerun.DagId}' has no run '{rerun.RunId}'.");
        if (!original.State.IsFinal())
        {
            throw new InvalidOperationException($"Run '{original.RunId}' is {WireNames.Of(original.State)}; only a finished run can be rerun.");
        }

        var dag = await versions.GetAsync(original.DagId, original.DagHash, cancellationToken).ConfigureAwait(false);
        var records = await store.ListNodesAsync(original.DagId, original.RunId, cancellationToken).ConfigureAwait(false);
        var graph = DagGraph.Build(dag);
        var previous = SnapshotOf(original, records);
        var snapshot = (rerun.Mark is { } mark
            ? RunPlanner.ForMark(graph, previous, mark.NodeId, mark.State, mark.At, MarkError(mark))
            : RunPlanner.ForRerun(graph, previous, rerun.From, rerun.FailedOnly)).Snapshot();

        var now = time.GetUtcNow();
        var start = await store.StartRunAsync(original with
        {
            RunId = rerun.NewRunId,
            State = RunState.Running,
            Trigger = new RunTrigger { Kind = TriggerKind.Rerun, RerunOf = original.RunId, RerunFrom = rerun.Mark is null ? rerun.From : null, FailedOnly = rerun.Mark is null && rerun.FailedOnly, Mark = rerun.Mark },
            CreatedAt = now,
            StartedAt = now,
            EndedAt = null,
            Error = null,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (start.Created)
        {
            var kept = snapshot.Nodes.Where(n => n.State.IsFinal()).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var record in records.Where(r => kept.Contains(r.NodeId)))
            {
                await CopyAsync(record, rerun.NewRunId, cancellationToken).ConfigureAwait(false);
            }

            if (rerun.Mark is { } marked)
            {
                await WriteMarkAsync(original, records, marked, rerun.NewRunId, cancellationToken).ConfigureAwait(false);
            }
        }

        return (start, snapshot);
    }

    /// <summary>A finished run's node states as the planner would have snapshotted them.</summary>
    internal static PlannerSnapshot SnapshotOf(RunRecord run, IReadOnlyList<NodeRecord> records)
    {
        var nodes = records.GroupBy(r => r.NodeId, StringComparer.Ordinal).Select(group =>
        {
            var whole = group.FirstOrDefault(r => r.MapIndex is null);
            var instances = group.Where(r => r.MapIndex is not null).OrderBy(r => r.MapIndex).ToList();
            var mapped = instances.Count > 0 || whole?.MapCount is not null;
            return new NodeSnapshot
            {
                Id = group.Key,
                State = whole?.State ?? NodeState.Pending,
                Error = whole?.Error,
                EndedAt = whole?.EndedAt,
                Instances = mapped ? [.. instances.Select(Instance)] : whole is null ? [] : [Instance(whole)],
            };
        });
        return new PlannerSnapshot { DagId = run.DagId, State = run.State, Nodes = [.. nodes] };
    }

    private static InstanceSnapshot Instance(NodeRecord record) => new()
    {
        Index = record.MapIndex,
        State = record.State,
        Attempts = record.Attempts,
        Error = record.Error,
        StartedAt = record.StartedAt,
        EndedAt = record.EndedAt,
    };

    /// <summary>The same error as a node marked failed while it waited in a running run.</summary>
    private static string? MarkError(NodeMark mark) => new NodeMarkEvent(mark.NodeId, mark.State, mark.Reason, mark.By, mark.At).Error();

    /// <summary>The marked node in the new run: its copied record (if it had one) with the mark's state, or a new one.</summary>
    private async Task WriteMarkAsync(RunRecord original, IReadOnlyList<NodeRecord> records, NodeMark mark, string runId, CancellationToken cancellationToken)
    {
        var copied = records.Any(r => r.NodeId == mark.NodeId && r.MapIndex is null)
            ? (await store.GetNodeAsync(original.DagId, runId, new NodeInstance(mark.NodeId, null), cancellationToken).ConfigureAwait(false))?.Value
            : null;
        var node = (copied ?? new NodeRecord { DagId = original.DagId, RunId = runId, NodeId = mark.NodeId }) with
        {
            State = mark.State,
            EndedAt = mark.At,
            Error = MarkError(mark),
            Mark = mark,
        };
        await store.PutNodeAsync(node, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task CopyAsync(NodeRecord record, string runId, CancellationToken cancellationToken)
    {
        // Logs are copied whole as chunks below, so the part an attempt holds itself is not copied twice.
        var copy = record with { RunId = runId, LatestAttempt = record.LatestAttempt is { } latest ? latest with { Log = null } : null };
        if (record.OutputRef is not null)
        {
            // The new run owns its copy: the original's output object may be cleaned up with it.
            var output = await store.ReadOutputAsync(record, cancellationToken).ConfigureAwait(false);
            copy = copy with { Output = output, OutputRef = null };
        }

        await store.PutNodeAsync(copy, cancellationToken: cancellationToken).ConfigureAwait(false);
        var attempts = await store.ListAttemptsAsync(record, cancellationToken).ConfigureAwait(false);
        foreach (var attempt in attempts)
        {
            // The latest attempt travels inside the copied record; only earlier ones are records of their own.
            if (attempt.Attempt != record.LatestAttempt?.Number)
            {
                await store.PutAttemptAsync(attempt with { RunId = runId, Log = null }, cancellationToken).ConfigureAwait(false);
            }

            if (await store.ReadLogAsync(attempt, cancellationToken).ConfigureAwait(false) is { } log)
            {
                await store.AppendLogAsync(record.DagId, runId, record.Instance, attempt.Attempt, 0, log, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
