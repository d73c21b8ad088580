using System.Text.Json;
using DurableDags.Core.States;
using DurableDags.Engine.Embedded;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Runs;

/// <summary>The <see cref="RunLauncher"/> of the in-process engine, with what only it needs: resuming at start and waiting for a run.</summary>
public sealed class EmbeddedRunLauncher(
    ICheckpointStore store, EmbeddedOrchestrationEngine engine, RerunPreparation reruns, DurableDagsEngineOptions options, TimeProvider time)
    : RunLauncher(store, new EmbeddedRunOrchestrations(engine), reruns, options, time)
{
    /// <summary>
    /// Resumes the engine's instances, then starts the orchestration of any unfinished run that
    /// has none (the process stopped between creating the run and starting it).
    /// </summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await engine.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var run in await Store.ListActiveRunsAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (run.Trigger.Kind != TriggerKind.Child)
            {
                await StartOrchestrationAsync(run, null, cancellationToken).ConfigureAwait(false);
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
}
