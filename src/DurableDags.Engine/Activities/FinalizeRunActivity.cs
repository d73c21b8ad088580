using DurableDags.Engine.Telemetry;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Engine.Activities;

/// <summary><see cref="DagActivityNames.FinalizeRun"/>: writes the run's final state, its one write at the end.</summary>
public sealed class FinalizeRunActivity(ICheckpointStore store)
{
    public async Task<bool> RunAsync(FinalizeRunInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var updated = await store.UpdateRunAsync(input.DagId, input.RunId,
            run => run with { State = input.State, EndedAt = input.EndedAt, Error = input.Error }, cancellationToken).ConfigureAwait(false);
        if (updated is null)
        {
            throw new InvalidOperationException($"Run '{input.RunId}' of DAG '{input.DagId}' does not exist.");
        }

        RunTelemetry.Ended(updated.Value, input.EndedAt);
        return true;
    }
}
