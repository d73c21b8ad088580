using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Activities;

/// <summary>
/// <see cref="DagActivityNames.CancelChildRuns"/>: cancels the child runs of a cancelled run
/// through the host's launcher, as a user's cancel would. A child whose orchestration never
/// started (its step saw the cancel first, or the parent stopped before starting it) is recorded
/// cancelled here, since nothing else will ever end it.
/// </summary>
public sealed class CancelChildRunsActivity(ICheckpointStore store, TimeProvider time, IServiceProvider services)
{
    public async Task<int> RunAsync(CancelChildRunsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Resolved here, not injected: the launcher's engine is built from the activities that need this.
        var launcher = services.GetRequiredService<IRunLauncher>();
        var cancelled = 0;
        foreach (var child in input.Children)
        {
            if (await launcher.CancelRunAsync(child.DagId, child.RunId, cancellationToken).ConfigureAwait(false))
            {
                cancelled++;
                continue;
            }

            var error = $"Cancelled with its parent run '{input.RunId}' of DAG '{input.DagId}' before it started.";
            var closed = false;
            await store.UpdateRunAsync(child.DagId, child.RunId, run =>
            {
                closed = !run.State.IsFinal();
                return closed ? run with { State = RunState.Cancelled, EndedAt = time.GetUtcNow(), Error = error } : run;
            }, cancellationToken).ConfigureAwait(false);
            cancelled += closed ? 1 : 0;
        }

        return cancelled;
    }
}
