using System.Globalization;
using System.Text.Json;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Engine.Telemetry;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Runs;

/// <summary>
/// Starts and steers runs the same way on every host: the run record first (its id and
/// idempotency key make a repeated start return the first run), then the orchestration, whose
/// instance id <c>{dagId}.{runId}</c> makes a second start of it a no-op. The host's
/// <see cref="IRunOrchestrations"/> does the orchestration calls.
/// </summary>
public class RunLauncher(
    ICheckpointStore store, IRunOrchestrations orchestrations, RerunPreparation reruns, DurableDagsEngineOptions options, TimeProvider time) : IRunLauncher
{
    public const string ForcedCancelError = "Cancelled while its orchestration was not running; the run was ended without it.";

    /// <summary>The store the run records are in.</summary>
    protected ICheckpointStore Store { get; } = store;

    public async Task<RunStart> StartRunAsync(RunLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var version = launch.DagHash is { } hash
            ? launch.Version is { } known && known.Hash == hash && known.DagId == launch.DagId ? known : await Store.GetDagVersionAsync(launch.DagId, hash, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"DAG '{launch.DagId}' has no version {hash}.")
            : (await Store.GetDagAsync(launch.DagId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"DAG '{launch.DagId}' does not exist.")).Current;
        var now = time.GetUtcNow();
        var start = await Store.StartRunAsync(new RunRecord
        {
            RunId = launch.RunId ?? NewRunId(now),
            DagId = launch.DagId,
            DagVersion = version.Version,
            DagHash = version.Hash,
            State = RunState.Running,
            Params = launch.Params ?? JsonDocument.Parse("{}").RootElement.Clone(),
            LogicalDate = launch.LogicalDate,
            Trigger = launch.Trigger,
            CreatedAt = now,
            StartedAt = now,
        }, launch.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        if (start.Created || !start.Run.Value.State.IsFinal())
        {
            // A repeat of an unfinished run's start starts its orchestration too, in case the first
            // caller stopped between the record and the orchestration; one that exists is left alone.
            await StartRecordedRunAsync(start.Run.Value, cancellationToken).ConfigureAwait(false);
            if (start.Created)
            {
                RunTelemetry.Started(start.Run.Value);
            }
        }

        return start;
    }

    /// <summary>
    /// Raises the cancel event, which the orchestrator handles cleanly. When its orchestration
    /// cannot take the event (it never started, is suspended, or ended without recording the run's
    /// end) but the record still says the run is going, its child runs are cancelled the same way
    /// (nothing else would end them: hosts do not terminate sub-orchestrations with their parent),
    /// then the orchestration is terminated and the run recorded cancelled, so that no run stays
    /// running for ever.
    /// </summary>
    public async Task<bool> CancelRunAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        var instanceId = DagActivityNames.InstanceIdOf(dagId, runId);
        if (await orchestrations.RaiseEventAsync(instanceId, DagActivityNames.CancelEvent, null, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        var run = await Store.GetRunAsync(dagId, runId, cancellationToken).ConfigureAwait(false);
        if (run is null || run.Value.State.IsFinal())
        {
            return false;
        }

        foreach (var child in await Store.ListActiveRunsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (child.Trigger is { Kind: TriggerKind.Child } trigger && trigger.ParentDagId == dagId && trigger.ParentRunId == runId)
            {
                await CancelRunAsync(child.DagId, child.RunId, cancellationToken).ConfigureAwait(false);
            }
        }

        await orchestrations.TerminateAsync(instanceId, ForcedCancelError, cancellationToken).ConfigureAwait(false);
        var ended = time.GetUtcNow();
        await Store.UpdateRunAsync(dagId, runId, r => r.State.IsFinal() ? r : r with { State = RunState.Cancelled, EndedAt = ended, Error = ForcedCancelError },
            cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <exception cref="ArgumentException">The name is reserved for the engine (<see cref="DagActivityNames.IsReservedEvent"/>).</exception>
    public Task<bool> RaiseEventAsync(string dagId, string runId, string eventName, JsonElement? payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (DagActivityNames.IsReservedEvent(eventName))
        {
            throw new ArgumentException($"Event '{eventName}' cannot be raised: names starting with '{DagActivityNames.ReservedEventPrefix}' are reserved for the engine.", nameof(eventName));
        }

        return orchestrations.RaiseEventAsync(DagActivityNames.InstanceIdOf(dagId, runId), eventName, payload, cancellationToken);
    }

    public Task<bool> MarkWaitingNodeAsync(string dagId, string runId, NodeMarkEvent mark, CancellationToken cancellationToken) =>
        orchestrations.RaiseEventAsync(DagActivityNames.InstanceIdOf(dagId, runId), DagActivityNames.MarkEvent,
            JsonSerializer.SerializeToElement(mark, DagActivityNames.MarkEventJson), cancellationToken);

    public async Task<RunStart> RerunAsync(RunRerun rerun, CancellationToken cancellationToken)
    {
        var (start, snapshot) = await reruns.PrepareAsync(rerun, cancellationToken).ConfigureAwait(false);
        if (start.Created)
        {
            await StartOrchestrationAsync(start.Run.Value, snapshot, cancellationToken).ConfigureAwait(false);
            RunTelemetry.Started(start.Run.Value);
        }

        return start;
    }

    /// <summary>
    /// Starts the orchestration of a run <see cref="StartRunAsync"/> has just recorded (or found
    /// unfinished). Here at once; a host may defer it when a crash before the start is covered.
    /// </summary>
    protected virtual Task StartRecordedRunAsync(RunRecord run, CancellationToken cancellationToken) =>
        StartOrchestrationAsync(run, null, cancellationToken);

    /// <summary>Starts the orchestration of a run whose record exists; false when it has one already.</summary>
    protected Task<bool> StartOrchestrationAsync(RunRecord run, PlannerSnapshot? snapshot, CancellationToken cancellationToken) =>
        orchestrations.StartAsync(InputOf(run, snapshot), cancellationToken);

    /// <summary>What the orchestrator of the run starts from.</summary>
    protected DagRunInput InputOf(RunRecord run, PlannerSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new DagRunInput
        {
            DagId = run.DagId,
            RunId = run.RunId,
            DagHash = run.DagHash,
            DagVersion = run.DagVersion,
            HistoryEventBudget = options.HistoryEventBudget,
            Snapshot = snapshot,
        };
    }

    /// <summary>Sorts by time, unique within a millisecond by its random tail.</summary>
    private static string NewRunId(DateTimeOffset now) =>
        $"run-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}";
}
