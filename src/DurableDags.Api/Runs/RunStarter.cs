using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Runs;

/// <summary>
/// The one way a run is started, for triggers, reruns and the scheduler: create the record only if
/// its id (and idempotency key) is new, and launch it only from the call that created it, so a run
/// is never started twice however many requests, ticks or servers ask for it at once.
/// </summary>
public sealed class RunStarter(ICheckpointStore store, IRunLauncher launcher)
{
    public async Task<RunStart> StartAsync(RunRecord run, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var start = await store.StartRunAsync(run, idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (start.Created && !start.Run.Value.State.IsFinal())
        {
            await launcher.StartAsync(start.Run.Value, cancellationToken).ConfigureAwait(false);
        }

        return start;
    }

    /// <summary>Launches every unfinished run again (each launch is idempotent): what a server does at start.</summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        var active = await store.ListActiveRunsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var run in active)
        {
            await launcher.StartAsync(run, cancellationToken).ConfigureAwait(false);
        }

        return active.Count;
    }
}
