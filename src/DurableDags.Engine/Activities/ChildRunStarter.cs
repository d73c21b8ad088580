using System.Text.Json;
using DurableDags.Core.Params;
using DurableDags.Core.States;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Telemetry;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Registry;
using DurableDags.Storage.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Activities;

/// <summary>
/// Creates the run record of a <c>dag</c> node's child run, with an id derived from the parent
/// run, node and attempt, so a repeated step finds the run it created before. Its params are
/// bound against the child DAG's current version, as a trigger's are: every bad param fails the
/// node at once, and defaults (expressions too) are filled in.
/// </summary>
public sealed class ChildRunStarter(ICheckpointStore store, DagVersionCache dags, TimeProvider time, IServiceProvider services)
{
    /// <summary>Creates the child run's record; the parent orchestrator runs it as a sub-orchestration and waits.</summary>
    /// <exception cref="OperatorFailureException">The child DAG does not exist, or its params do not bind.</exception>
    public async Task<DagRunInput> StartAsync(NodeStepInput parent, OperatorResult.StartChildRun child, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(child);
        var bound = await BindAsync(parent, child, cancellationToken).ConfigureAwait(false);
        var start = await store.StartRunAsync(new RunRecord
        {
            RunId = bound.RunId,
            DagId = child.DagId,
            DagVersion = bound.Version.Version,
            DagHash = bound.Version.Hash,
            Params = bound.Params,
            LogicalDate = bound.LogicalDate,
            State = RunState.Running,
            Trigger = TriggerOf(parent),
            CreatedAt = time.GetUtcNow(),
            StartedAt = time.GetUtcNow(),
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var run = start.Run.Value;
        if (start.Created)
        {
            RunTelemetry.Started(run);
        }

        return new DagRunInput { DagId = run.DagId, RunId = run.RunId, DagHash = run.DagHash, DagVersion = run.DagVersion };
    }

    /// <summary>Starts a child run nobody waits for, through the host's launcher, as any run is started.</summary>
    /// <exception cref="OperatorFailureException">The child DAG does not exist, or its params do not bind.</exception>
    public async Task<RunRecord> StartDetachedAsync(NodeStepInput parent, OperatorResult.StartChildRun child, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(child);
        var bound = await BindAsync(parent, child, cancellationToken).ConfigureAwait(false);
        // Resolved here, not injected: the launcher's engine is built from the activities that need this.
        var launcher = services.GetRequiredService<IRunLauncher>();
        var start = await launcher.StartRunAsync(new RunLaunch
        {
            DagId = child.DagId,
            DagHash = bound.Version.Hash,
            RunId = bound.RunId,
            Params = bound.Params,
            LogicalDate = bound.LogicalDate,
            Trigger = TriggerOf(parent),
        }, cancellationToken).ConfigureAwait(false);
        return start.Run.Value;
    }

    /// <summary>The child's version, id, logical date (the parent's, else now) and bound params.</summary>
    private async Task<BoundChild> BindAsync(NodeStepInput parent, OperatorResult.StartChildRun child, CancellationToken cancellationToken)
    {
        var entry = await store.GetDagAsync(child.DagId, cancellationToken).ConfigureAwait(false)
            ?? throw new OperatorFailureException($"node '{parent.NodeId}' runs DAG '{child.DagId}', which does not exist");
        var definition = await dags.GetAsync(child.DagId, entry.Current.Hash, cancellationToken).ConfigureAwait(false);
        var parentRun = await store.GetRunAsync(parent.DagId, parent.RunId, cancellationToken).ConfigureAwait(false);
        var runId = ChildRunId(parent);
        var logicalDate = parentRun?.Value.LogicalDate ?? time.GetUtcNow();
        var binding = RunParams.Bind(definition, child.Params, new RunIdentity(child.DagId, runId, logicalDate));
        if (!binding.IsValid)
        {
            // Retrying cannot fix params; every bad one is named so one edit fixes them all.
            throw OperatorFailureException.Permanent(
                $"the params of child DAG '{child.DagId}' (version {entry.Current.Version}) are not valid: {string.Join("; ", binding.Errors)}");
        }

        return new BoundChild(entry.Current, runId, logicalDate, JsonSerializer.SerializeToElement(binding.Values));
    }

    private static RunTrigger TriggerOf(NodeStepInput parent) =>
        new() { Kind = TriggerKind.Child, ParentDagId = parent.DagId, ParentRunId = parent.RunId, ParentNodeId = parent.NodeId };

    private static string ChildRunId(NodeStepInput parent) =>
        $"{parent.RunId}-{parent.NodeId}{(parent.MapIndex is { } i ? $"-{i}" : "")}-a{parent.Attempt}";

    private sealed record BoundChild(DagVersion Version, string RunId, DateTimeOffset LogicalDate, JsonElement Params);
}
