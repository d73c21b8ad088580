using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Retention;

/// <summary>
/// Deletes runs that ended before a cutoff, across DAGs (or of one DAG). A run still going is
/// never purged, however old. Runs are read newest first from before the cutoff, since a run that
/// ended before it was created before it too.
/// </summary>
public sealed class RunPurger(ICheckpointStore store)
{
    private const int PageSize = 200;

    /// <summary>The runs deleted, as <c>{dagId}/{runId}</c>.</summary>
    public async Task<IReadOnlyList<string>> PurgeAsync(DateTimeOffset endedBefore, string? dagId, CancellationToken cancellationToken)
    {
        IEnumerable<string> dagIds = dagId is not null ? [dagId] : (await store.ListDagsAsync(cancellationToken).ConfigureAwait(false)).Select(d => d.DagId);
        var purged = new List<string>();
        foreach (var id in dagIds)
        {
            foreach (var run in await EndedBeforeAsync(id, endedBefore, cancellationToken).ConfigureAwait(false))
            {
                if (await store.DeleteRunAsync(id, run.RunId, cancellationToken).ConfigureAwait(false))
                {
                    purged.Add($"{id}/{run.RunId}");
                }
            }
        }

        return purged;
    }

    /// <summary>Every run of the DAG, any age; what deleting a DAG with its runs deletes.</summary>
    public Task<IReadOnlyList<RunRecord>> ListAllAsync(string dagId, CancellationToken cancellationToken) =>
        ListAsync(dagId, null, _ => true, cancellationToken);

    private Task<IReadOnlyList<RunRecord>> EndedBeforeAsync(string dagId, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        ListAsync(dagId, cutoff, run => run.State.IsFinal() && run.EndedAt is { } ended && ended < cutoff, cancellationToken);

    // The whole list is read before anything is deleted, so deleting cannot move the pages.
    private async Task<IReadOnlyList<RunRecord>> ListAsync(string dagId, DateTimeOffset? before, Func<RunRecord, bool> keep, CancellationToken cancellationToken)
    {
        var runs = new List<RunRecord>();
        var query = new RunQuery { Limit = PageSize, Before = before };
        while (true)
        {
            var page = await store.ListRunsAsync(dagId, query, cancellationToken).ConfigureAwait(false);
            runs.AddRange(page.Runs.Where(keep));
            if (page.NextCursor is null)
            {
                return runs;
            }

            query = query with { Cursor = page.NextCursor };
        }
    }
}
