using System.Text.Json;
using DurableDags.Core.States;
using DurableDags.Engine.Embedded;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableDags.Engine.Runs;

/// <summary>
/// The <see cref="RunLauncher"/> of the in-process engine, with what only it needs: resuming at
/// start, waiting for a run, and starting the orchestrations of triggered runs in the background
/// (<see cref="DurableDagsEngineOptions.RunStarters"/>), since resuming covers a crash before them.
/// </summary>
public sealed class EmbeddedRunLauncher : RunLauncher
{
    private readonly EmbeddedOrchestrationEngine _engine;
    private readonly RunStartQueue _starts;

    public EmbeddedRunLauncher(
        ICheckpointStore store, EmbeddedOrchestrationEngine engine, RerunPreparation reruns, DurableDagsEngineOptions options, TimeProvider time,
        ILogger<EmbeddedRunLauncher>? logger = null)
        : this(store, engine, reruns, options, time, new RunStartQueue(new EmbeddedRunOrchestrations(engine), options?.RunStarters ?? 0, logger ?? (ILogger)NullLogger.Instance))
    {
    }

    private EmbeddedRunLauncher(
        ICheckpointStore store, EmbeddedOrchestrationEngine engine, RerunPreparation reruns, DurableDagsEngineOptions options, TimeProvider time, RunStartQueue starts)
        : base(store, new EmbeddedRunOrchestrations(engine, starts), reruns, options, time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.RunStarters, nameof(options.RunStarters));
        _engine = engine;
        _starts = starts;
    }

    /// <summary>
    /// Resumes the engine's instances, then starts the orchestration of any unfinished run that
    /// has none (the process stopped between creating the run and starting it, or while its start
    /// was queued), then the background starts of runs triggered from now on (and before).
    /// </summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await _engine.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var run in await Store.ListActiveRunsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (run.Trigger.Kind != TriggerKind.Child)
            {
                await StartOrchestrationAsync(run, null, cancellationToken).ConfigureAwait(false);
            }
        }

        _starts.Run(_engine.Stopping);
    }

    /// <summary>Stops the background starts (before the engine stops); the runs still queued are started by the next <see cref="ResumeAsync"/>.</summary>
    public Task StopStartsAsync() => _starts.StopAsync();

    /// <summary>Waits until the run's orchestration ends; for hosts that run one DAG to the end (<c>dags run</c>) and tests.</summary>
    public async Task<DagRunResult> WaitForRunAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        var instanceId = DagActivityNames.InstanceIdOf(dagId, runId);
        await _starts.StartIfQueuedAsync(instanceId, cancellationToken, inTurn: true).ConfigureAwait(false);
        var done = await _engine.WaitForCompletionAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return done.Output?.Deserialize<DagRunResult>(Embedded.Runtime.OrchestrationCatalog.Json)
            ?? new DagRunResult(runId, RunState.Failed, done.Error ?? "the run's orchestration ended without a result");
    }

    /// <summary>
    /// Queued, so the caller (a trigger's request) does not wait for the orchestration's creation:
    /// the run record and its active marker are written, and <see cref="ResumeAsync"/> starts an
    /// active run without an orchestration. A child run is started at once: resuming skips those,
    /// since their parent's step starts them.
    /// </summary>
    protected override Task StartRecordedRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Trigger.Kind != TriggerKind.Child && _starts.TryEnqueue(InputOf(run, null))
            ? Task.CompletedTask
            : base.StartRecordedRunAsync(run, cancellationToken);
    }
}
