using System.Text.Json;
using DurableDags.Core.States;
using DurableDags.Engine.Operators;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Activities;

/// <summary>
/// Creates the run record of a <c>dag</c> node's child run, with an id derived from the parent
/// run, node and attempt, so a repeated step finds the run it created before.
/// </summary>
public sealed class ChildRunStarter(ICheckpointStore store, TimeProvider time)
{
    public async Task<DagRunInput> StartAsync(NodeStepInput parent, OperatorResult.StartChildRun child, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(child);
        var entry = await store.GetDagAsync(child.DagId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"node '{parent.NodeId}' runs DAG '{child.DagId}', which does not exist");
        var runId = $"{parent.RunId}-{parent.NodeId}{(parent.MapIndex is { } i ? $"-{i}" : "")}-a{parent.Attempt}";
        var start = await store.StartRunAsync(new RunRecord
        {
            RunId = runId,
            DagId = child.DagId,
            DagVersion = entry.Current.Version,
            DagHash = entry.Current.Hash,
            Params = JsonSerializer.SerializeToElement(child.Params),
            State = RunState.Running,
            Trigger = new RunTrigger { Kind = TriggerKind.Child, ParentDagId = parent.DagId, ParentRunId = parent.RunId, ParentNodeId = parent.NodeId },
            CreatedAt = time.GetUtcNow(),
            StartedAt = time.GetUtcNow(),
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var run = start.Run.Value;
        return new DagRunInput { DagId = run.DagId, RunId = run.RunId, DagHash = run.DagHash, DagVersion = run.DagVersion };
    }
}
