using DurableDags.Storage.Runs;

namespace DurableDags.Storage.Checkpoints;

/// <summary>
/// Deletes a run with everything under it, or a DAG's registry entry with its versions. The run
/// record goes last, after its index entry and active marker, so a crash midway leaves a run that
/// is still listed and can be deleted again, never parts no listing reaches.
/// </summary>
internal sealed class CheckpointDeletion(RecordStore records)
{
    /// <summary>False when there is no such run.</summary>
    public async Task<bool> DeleteRunAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        var runKey = CheckpointKeys.Run(dagId, runId);
        var run = await records.ReadAsync<RunRecord>(runKey, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return false;
        }

        var objects = records.Objects;
        foreach (var key in await records.ListAllAsync(CheckpointKeys.RunFolder(dagId, runId), cancellationToken).ConfigureAwait(false))
        {
            if (key != runKey)
            {
                await objects.DeleteAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        await objects.DeleteAsync(CheckpointKeys.RunIndexPrefix(dagId) + CheckpointKeys.RunIndexName(run.CreatedAt, runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        await objects.DeleteAsync(CheckpointKeys.Active(dagId, runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return await objects.DeleteAsync(runKey, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The registry entry first, so the DAG is gone from listings before its versions are; false when there was none.</summary>
    public async Task<bool> DeleteDagAsync(string dagId, CancellationToken cancellationToken)
    {
        var deleted = await records.Objects.DeleteAsync(CheckpointKeys.DagEntry(dagId), cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var key in await records.ListAllAsync(CheckpointKeys.DagFolder(dagId), cancellationToken).ConfigureAwait(false))
        {
            await records.Objects.DeleteAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }
}
