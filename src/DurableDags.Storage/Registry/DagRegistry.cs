using System.Security.Cryptography;
using System.Text;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Storage.Registry;

/// <summary>
/// Versioned DAG definitions. A version is identified by the hash of its content; the DAG's
/// <see cref="DagEntry"/> says which one is current and is only ever replaced on the ETag it was
/// read with, so concurrent puts and pauses each land or retry, and none is lost.
/// </summary>
internal sealed class DagRegistry(RecordStore records, TimeProvider time)
{
    public async Task<DagPutResult> PutAsync(string dagId, string source, string sourceFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceFile);
        var entryKey = CheckpointKeys.DagEntry(dagId);
        var content = Encoding.UTF8.GetBytes(records.Redactor.Redact(source));
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var sourceStored = false;
        while (true)
        {
            var entry = await records.GetAsync<DagEntry>(entryKey, cancellationToken).ConfigureAwait(false);
            if (entry?.Value.Current.Hash == hash)
            {
                return new DagPutResult(entry.Value, DagPutOutcome.Unchanged);
            }

            var known = await records.ReadAsync<DagVersion>(CheckpointKeys.DagVersionByHash(dagId, hash), cancellationToken).ConfigureAwait(false);
            if (known is null && !sourceStored)
            {
                // Content-addressed: a second writer of the same content writes the same bytes.
                await records.Objects.TryCreateAsync(CheckpointKeys.DagSource(dagId, hash), content, cancellationToken).ConfigureAwait(false);
                sourceStored = true;
            }

            var now = time.GetUtcNow();
            var latest = entry?.Value.LatestVersion ?? 0;
            var version = known ?? new DagVersion { DagId = dagId, Version = latest + 1, Hash = hash, CreatedAt = now, SourceFile = sourceFile };
            var next = new DagEntry
            {
                DagId = dagId,
                Current = version,
                LatestVersion = Math.Max(latest, version.Version),
                Paused = entry?.Value.Paused ?? false,
                UpdatedAt = now,
            };
            var won = entry is null
                ? await records.TryCreateAsync(entryKey, next, cancellationToken).ConfigureAwait(false)
                : await records.PutAsync(entryKey, next, entry.ETag, cancellationToken).ConfigureAwait(false);
            if (won is null)
            {
                continue;
            }

            if (known is not null)
            {
                return new DagPutResult(next, DagPutOutcome.Restored);
            }

            // Written after the entry won its number, so no loser ever claims one. A crash right
            // here leaves the current version only in the entry; ListVersionsAsync adds it back.
            await records.TryCreateAsync(CheckpointKeys.DagVersionByHash(dagId, hash), version, cancellationToken).ConfigureAwait(false);
            await records.TryCreateAsync(CheckpointKeys.DagHistory(dagId, version.Version), version, cancellationToken).ConfigureAwait(false);
            return new DagPutResult(next, DagPutOutcome.Created);
        }
    }

    public Task<DagEntry?> GetAsync(string dagId, CancellationToken cancellationToken) =>
        records.ReadAsync<DagEntry>(CheckpointKeys.DagEntry(dagId), cancellationToken);

    public async Task<IReadOnlyList<DagEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = await records.ListAllAsync(CheckpointKeys.DagEntries, cancellationToken).ConfigureAwait(false);
        var entries = await records.ReadManyAsync<DagEntry>(keys, cancellationToken).ConfigureAwait(false);
        return [.. entries.OfType<DagEntry>()];
    }

    /// <summary>One version by its hash; the entry's current one also when a crash kept its by-hash record from being written.</summary>
    public async Task<DagVersion?> GetVersionAsync(string dagId, string hash, CancellationToken cancellationToken) =>
        await records.ReadAsync<DagVersion>(CheckpointKeys.DagVersionByHash(dagId, hash), cancellationToken).ConfigureAwait(false)
            ?? ((await GetAsync(dagId, cancellationToken).ConfigureAwait(false))?.Current is { } current && current.Hash == hash ? current : null);

    public async Task<string?> GetSourceAsync(string dagId, string hash, CancellationToken cancellationToken)
    {
        var stored = await records.Objects.GetAsync(CheckpointKeys.DagSource(dagId, hash), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Encoding.UTF8.GetString(stored.Content.Span);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<DagVersion>> ListVersionsAsync(string dagId, int limit, CancellationToken cancellationToken)
    {
        var entry = await GetAsync(dagId, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return [];
        }

        var page = await records.Objects.ListAsync(CheckpointKeys.DagHistoryPrefix(dagId), limit: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        var versions = (await records.ReadManyAsync<DagVersion>(page.Keys, cancellationToken).ConfigureAwait(false)).OfType<DagVersion>().ToList();
        if (versions.TrueForAll(v => v.Version != entry.Current.Version) && (versions.Count < limit || entry.Current.Version > versions[^1].Version))
        {
            versions.Add(entry.Current);
            versions.Sort((a, b) => b.Version.CompareTo(a.Version));
            versions = [.. versions.Take(limit)];
        }

        return versions;
    }

    public async Task<DagEntry?> SetPausedAsync(string dagId, bool paused, CancellationToken cancellationToken)
    {
        var updated = await records.UpdateAsync<DagEntry>(
            CheckpointKeys.DagEntry(dagId),
            entry => entry with { Paused = paused, UpdatedAt = time.GetUtcNow() },
            cancellationToken).ConfigureAwait(false);
        return updated?.Value;
    }
}
