using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Runs;

/// <summary>
/// Run records, created only if absent, changed only on their ETag; a listing index ordered newest
/// first; the set of unfinished runs; and idempotency claims.
/// </summary>
/// <remarks>
/// A run is three objects, written in this order: its index entry, its active marker, then the run.
/// A crash can leave an entry or a marker without a run, never a run missing from listings; readers
/// skip (and the active listing deletes) entries whose run is missing or differs.
/// </remarks>
internal sealed class RunCatalog(RecordStore records)
{
    private static readonly byte[] Marker = "{}"u8.ToArray();

    public async Task<RunStart> StartAsync(RunRecord run, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var runKey = CheckpointKeys.Run(run.DagId, run.RunId);
        if (idempotencyKey is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
            var claimKey = CheckpointKeys.Idempotency(run.DagId, idempotencyKey);
            var claim = new IdempotencyClaim { Key = idempotencyKey, Run = run };
            if (await records.TryCreateAsync(claimKey, claim, cancellationToken).ConfigureAwait(false) is null)
            {
                claim = await records.ReadAsync<IdempotencyClaim>(claimKey, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Idempotency claim '{claimKey}' vanished after it was found.");
                run = claim.Run;
                runKey = CheckpointKeys.Run(run.DagId, run.RunId);
            }
        }

        var indexKey = CheckpointKeys.RunIndexPrefix(run.DagId) + CheckpointKeys.RunIndexName(run.CreatedAt, run.RunId);
        var activeKey = CheckpointKeys.Active(run.DagId, run.RunId);
        // Both markers only have to precede the run, not each other: written side by side, a
        // trigger waits for one write instead of two before the run's own.
        var indexed = records.Objects.TryCreateAsync(indexKey, Marker, cancellationToken);
        var marking = run.State.IsFinal() ? null : records.Objects.TryCreateAsync(activeKey, Marker, cancellationToken);
        await indexed.ConfigureAwait(false);
        var markedActive = marking is not null && (await marking.ConfigureAwait(false)).Succeeded;
        if (await records.TryCreateAsync(runKey, run, cancellationToken).ConfigureAwait(false) is { } etag)
        {
            return new RunStart(new Versioned<RunRecord>(run, etag), Created: true);
        }

        var existing = await records.GetAsync<RunRecord>(runKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{runKey}' exists but could not be read.");
        if (existing.Value.CreatedAt != run.CreatedAt)
        {
            await records.Objects.DeleteAsync(indexKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (markedActive && existing.Value.State.IsFinal())
        {
            await records.Objects.DeleteAsync(activeKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return new RunStart(existing, Created: false);
    }

    public Task<Versioned<RunRecord>?> GetAsync(string dagId, string runId, CancellationToken cancellationToken) =>
        records.GetAsync<RunRecord>(CheckpointKeys.Run(dagId, runId), cancellationToken);

    public async Task<string?> TryReplaceAsync(RunRecord run, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(ifMatch);
        var etag = await records.PutAsync(CheckpointKeys.Run(run.DagId, run.RunId), run, ifMatch, cancellationToken).ConfigureAwait(false);
        if (etag is not null)
        {
            await ForgetIfFinalAsync(run, cancellationToken).ConfigureAwait(false);
        }

        return etag;
    }

    public async Task<Versioned<RunRecord>?> UpdateAsync(string dagId, string runId, Func<RunRecord, RunRecord> change, CancellationToken cancellationToken)
    {
        var updated = await records.UpdateAsync(CheckpointKeys.Run(dagId, runId), change, cancellationToken).ConfigureAwait(false);
        if (updated is not null)
        {
            await ForgetIfFinalAsync(updated.Value, cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }

    public async Task<RunPage> ListAsync(string dagId, RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, RunQuery.MaxLimit);
        var prefix = CheckpointKeys.RunIndexPrefix(dagId);

        // '~' sorts after every key character: the listing starts after every run created at Before.
        var after = query.Cursor is { } cursor ? prefix + ParseCursor(cursor).Name
            : query.Before is { } before ? $"{prefix}{CheckpointKeys.InvertedTicks(before)}~"
            : null;
        var pageSize = query.State is null ? query.Limit + 1 : Math.Max(query.Limit + 1, 100);
        var runs = new List<RunRecord>(query.Limit);
        while (true)
        {
            var page = await records.Objects.ListAsync(prefix, after, pageSize, cancellationToken).ConfigureAwait(false);
            var entries = page.Keys.Select(k => ParseCursor(k[prefix.Length..])).ToList();
            var found = await records.ReadManyAsync<RunRecord>(
                [.. entries.Select(e => CheckpointKeys.Run(dagId, e.RunId))], cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < entries.Count; i++)
            {
                var run = found[i];
                if (run is null || CheckpointKeys.InvertedTicks(run.CreatedAt) != entries[i].Ticks || (query.State is { } state && run.State != state))
                {
                    continue;
                }

                if (runs.Count == query.Limit)
                {
                    // Another match exists, so there is a next page.
                    return new RunPage(runs, CursorOf(runs[^1]));
                }

                runs.Add(run);
            }

            if (page.NextStartAfter is null)
            {
                return new RunPage(runs, null);
            }

            if (runs.Count == query.Limit)
            {
                // Rather than read on to find out, a full page may be followed by an empty one.
                return new RunPage(runs, CursorOf(runs[^1]));
            }

            after = page.NextStartAfter;
        }
    }

    /// <summary>Runs not yet final, oldest first: what an engine resumes, and what maxActiveRuns counts.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListActiveAsync(string? dagId, CancellationToken cancellationToken)
    {
        var keys = await records.ListAllAsync(CheckpointKeys.ActivePrefix(dagId), cancellationToken).ConfigureAwait(false);
        var runKeys = keys.Select(k => k.Split('/')).Select(s => CheckpointKeys.Run(s[1], s[2])).ToList();
        var runs = await records.ReadManyAsync<RunRecord>(runKeys, cancellationToken).ConfigureAwait(false);
        var active = new List<RunRecord>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (runs[i] is not { } run)
            {
                // StartAsync writes the marker before the record, so a missing record is most often a
                // run being created right now: deleting its marker would drop that run from every
                // later listing (resume, maxActiveRuns, cancel of children). A marker a crash left
                // between the two writes costs one read per listing, which is the cheaper mistake.
                continue;
            }

            if (run.State.IsFinal())
            {
                // The run ended after its last write forgot the marker (a crash in between).
                await records.Objects.DeleteAsync(keys[i], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                active.Add(run);
            }
        }

        return [.. active.OrderBy(r => r.CreatedAt)];
    }

    private Task ForgetIfFinalAsync(RunRecord run, CancellationToken cancellationToken) =>
        run.State.IsFinal()
            ? records.Objects.DeleteAsync(CheckpointKeys.Active(run.DagId, run.RunId), cancellationToken: cancellationToken)
            : Task.CompletedTask;

    private static string CursorOf(RunRecord run) => CheckpointKeys.RunIndexName(run.CreatedAt, run.RunId);

    /// <summary>An index name (and cursor) is <c>{inverted ticks:D19}-{runId}</c>.</summary>
    private static (string Name, string Ticks, string RunId) ParseCursor(string name)
    {
        if (name.Length < 21 || name[19] != '-' || name.AsSpan(0, 19).ContainsAnyExceptInRange('0', '9') || !ObjectKey.IsValidSegment(name[20..]))
        {
            throw new ArgumentException($"'{name}' is not a run cursor: expected the nextCursor of a previous page.", nameof(name));
        }

        return (name, name[..19], name[20..]);
    }
}
