using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Search;

/// <summary>
/// Lists runs across DAGs: each DAG's index is read newest first up to one more match than the
/// page holds, and the streams are merged. A page costs at most (limit + 1) matching run reads per
/// DAG, plus the runs the filters reject.
/// </summary>
public sealed class RunFinder(ICheckpointStore store)
{
    public async Task<RunPage> FindAsync(RunFilter filter, int limit, RunSearchCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        IEnumerable<string> dagIds = filter.DagId is { } one
            ? [one]
            : (await store.ListDagsAsync(cancellationToken).ConfigureAwait(false)).Select(d => d.DagId);
        var found = new List<RunRecord>();
        foreach (var dagId in dagIds)
        {
            found.AddRange(await FindInDagAsync(dagId, filter, limit + 1, after, cancellationToken).ConfigureAwait(false));
        }

        var ordered = found.OrderBy(RunSearchCursor.Of).Take(limit + 1).ToList();
        return ordered.Count > limit
            ? new RunPage(ordered[..limit], RunSearchCursor.Of(ordered[limit - 1]).Encode())
            : new RunPage(ordered, null);
    }

    private async Task<List<RunRecord>> FindInDagAsync(string dagId, RunFilter filter, int wanted, RunSearchCursor? after, CancellationToken cancellationToken)
    {
        // Runs created at the cursor's very tick are read again and dropped below, so that two
        // DAGs' runs of the same tick are neither lost nor listed twice.
        var before = Earliest(filter.CreatedTo?.AddTicks(1), after?.CreatedAt.AddTicks(1));
        var query = new RunQuery { Limit = Math.Min(wanted, RunQuery.MaxLimit), State = filter.State, Before = before };
        var matches = new List<RunRecord>();
        while (true)
        {
            var page = await store.ListRunsAsync(dagId, query, cancellationToken).ConfigureAwait(false);
            foreach (var run in page.Runs)
            {
                if (filter.CreatedFrom is { } from && run.CreatedAt < from)
                {
                    return matches;
                }

                if (filter.Matches(run) && (after is null || RunSearchCursor.Of(run).CompareTo(after) > 0))
                {
                    matches.Add(run);
                    if (matches.Count == wanted)
                    {
                        return matches;
                    }
                }
            }

            if (page.NextCursor is null)
            {
                return matches;
            }

            query = query with { Cursor = page.NextCursor };
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
