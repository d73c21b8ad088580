using System.Text.Json;
using System.Text.Json.Serialization;
using DurableDags.Storage.Objects;

namespace DurableDags.Api.Backfills;

/// <summary>
/// Backfills in their own area of the store: the record at <c>backfills/{dagId}/{backfillId}.json</c>,
/// created only if absent and replaced only on its ETag, and a marker at
/// <c>backfills-open/{dagId}/{backfillId}</c> while it is running, which the tick lists. The
/// marker is written first, so a crash can leave a marker without a record (the tick drops it),
/// never a running backfill the tick cannot find.
/// </summary>
public sealed class BackfillStore(IObjectStore objects)
{
    private const string RecordPrefix = "backfills/";
    private const string OpenPrefix = "backfills-open/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The record stored: this one (created) or the one already there under its id.</summary>
    public async Task<(BackfillRecord Record, bool Created)> CreateAsync(BackfillRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = RecordKey(record.DagId, record.BackfillId);
        if (await GetAsync(record.DagId, record.BackfillId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return (existing.Record, false);
        }

        await objects.TryCreateAsync(OpenKey(record.DagId, record.BackfillId), "{}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        if ((await objects.TryCreateAsync(key, Encode(record), cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            return (record, true);
        }

        return ((await GetAsync(record.DagId, record.BackfillId, cancellationToken).ConfigureAwait(false))?.Record
            ?? throw new InvalidOperationException($"Backfill '{key}' exists but could not be read."), false);
    }

    public async Task<(BackfillRecord Record, string ETag)?> GetAsync(string dagId, string backfillId, CancellationToken cancellationToken)
    {
        var stored = await objects.GetAsync(RecordKey(dagId, backfillId), cancellationToken).ConfigureAwait(false);
        return stored is null
            ? null
            : (JsonSerializer.Deserialize<BackfillRecord>(stored.Content.Span, Json) ?? throw new InvalidOperationException($"Backfill '{backfillId}' of '{dagId}' is empty."), stored.ETag);
    }

    /// <summary>False when another writer changed the record since <paramref name="ifMatch"/>.</summary>
    public async Task<bool> TryReplaceAsync(BackfillRecord record, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!(await objects.PutAsync(RecordKey(record.DagId, record.BackfillId), Encode(record), ifMatch, cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            return false;
        }

        if (record.State != BackfillState.Running)
        {
            await ForgetAsync(record.DagId, record.BackfillId, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The (dagId, backfillId) of every backfill marked running.</summary>
    public async Task<IReadOnlyList<(string DagId, string BackfillId)>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var open = new List<(string, string)>();
        string? after = null;
        do
        {
            var page = await objects.ListAsync(OpenPrefix, after, cancellationToken: cancellationToken).ConfigureAwait(false);
            open.AddRange(page.Keys.Select(k => k[OpenPrefix.Length..].Split('/')).Where(s => s.Length == 2).Select(s => (s[0], s[1])));
            after = page.NextStartAfter;
        }
        while (after is not null);
        return open;
    }

    /// <summary>Drops the running marker: the backfill ended, or its record is gone.</summary>
    public Task ForgetAsync(string dagId, string backfillId, CancellationToken cancellationToken) =>
        objects.DeleteAsync(OpenKey(dagId, backfillId), cancellationToken: cancellationToken);

    private static byte[] Encode(BackfillRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, Json);

    private static string RecordKey(string dagId, string backfillId) =>
        $"{RecordPrefix}{ObjectKey.RequireSegment(dagId, "dagId")}/{ObjectKey.RequireSegment(backfillId, "backfillId")}.json";

    private static string OpenKey(string dagId, string backfillId) =>
        $"{OpenPrefix}{ObjectKey.RequireSegment(dagId, "dagId")}/{ObjectKey.RequireSegment(backfillId, "backfillId")}";
}
