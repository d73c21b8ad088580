using System.Globalization;
using System.Text.Json;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Engine.Embedded;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Runs;

/// <summary>Starts and steers runs on the in-process engine. Orchestration instance ids are <c>{dagId}.{runId}</c>.</summary>
public sealed class EmbeddedRunLauncher(
    ICheckpointStore store, EmbeddedOrchestrationEngine engine, RerunPreparation reruns, DurableDagsEngineOptions options, TimeProvider time) : IRunLauncher
{
    public async Task<RunStart> StartRunAsync(RunLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var entry = await store.GetDagAsync(launch.DagId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"DAG '{launch.DagId}' does not exist.");
        var now = time.GetUtcNow();
        var start = await store.StartRunAsync(new RunRecord
        {
            RunId = launch.RunId ?? NewRunId(now),
            DagId = launch.DagId,
            DagVersion = entry.Current.Version,
            DagHash = entry.Current.Hash,
            State = RunState.Running,
            Params = launch.Params ?? JsonDocument.Parse("{}").RootElement.Clone(),
            LogicalDate = launch.LogicalDate,
            Trigger = launch.Trigger,
            CreatedAt = now,
            StartedAt = now,
        }, launch.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        if (start.Created)
        {
            await OrchestrateAsync(start.Run.Value, cancellationToken).ConfigureAwait(false);
        }

        return start;
    }

    public async Task<bool> CancelRunAsync(string dagId, string runId, CancellationToken cancellationToken) =>
        await engine.RaiseEventAsync(DagActivityNames.InstanceIdOf(dagId, runId), DagActivityNames.CancelEvent, null, cancellationToken).ConfigureAwait(false);

    public async Task<bool> RaiseEventAsync(string dagId, string runId, string eventName, JsonElement? payload, CancellationToken cancellationToken) =>
        await engine.RaiseEventAsync(DagActivityNames.InstanceIdOf(dagId, runId), eventName, payload, cancellationToken).ConfigureAwait(false);

    public async Task<RunStart> RerunAsync(RunRerun rerun, CancellationToken cancellationToken)
    {
        var (start, snapshot) = await reruns.PrepareAsync(rerun, cancellationToken).ConfigureAwait(false);
        if (start.Created)
        {
            await OrchestrateAsync(start.Run.Value, cancellationToken, snapshot).ConfigureAwait(false);
        }

        return start;
    }

    /// <summary>
    /// Resumes the engine's instances, then starts the orchestration of any unfinished run that
    /// has none (the process stopped between creating the run and starting it).
    /// </summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await engine.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var run in await store.ListActiveRunsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (run.Trigger.Kind != TriggerKind.Child)
            {
                await OrchestrateAsync(run, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until the run's orchestration ends; for hosts that run one DAG to the end (<c>dags run</c>) and tests.</summary>
    public async Task<DagRunResult> WaitForRunAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        var done = await engine.WaitForCompletionAsync(DagActivityNames.InstanceIdOf(dagId, runId), cancellationToken).ConfigureAwait(false);
        return done.Output?.Deserialize<DagRunResult>(Embedded.Runtime.OrchestrationCatalog.Json)
            ?? new DagRunResult(runId, RunState.Failed, done.Error ?? "the run's orchestration ended without a result");
    }

    private Task<bool> OrchestrateAsync(RunRecord run, CancellationToken cancellationToken, PlannerSnapshot? snapshot = null) =>
        engine.StartNewAsync(DagActivityNames.DagRunOrchestrator, DagActivityNames.InstanceIdOf(run.DagId, run.RunId), new DagRunInput
        {
            DagId = run.DagId,
            RunId = run.RunId,
            DagHash = run.DagHash,
            DagVersion = run.DagVersion,
            HistoryEventBudget = options.HistoryEventBudget,
            Snapshot = snapshot,
        }, cancellationToken);

    /// <summary>Sorts by time, unique within a millisecond by its random tail.</summary>
    private static string NewRunId(DateTimeOffset now) =>
        $"run-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}";
}
