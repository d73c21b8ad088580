using System.Text.Json;
using DurableDags.Storage.Objects;

namespace DurableDags.Api.Scheduling;

/// <summary>
/// The scheduler's own area of the store, <c>scheduler/{dagId}.json</c>: one cursor per DAG,
/// created only if absent and advanced only on its ETag, so two schedulers never move it back.
/// </summary>
public sealed class SchedulerCursors(IObjectStore objects)
{
    public const string Prefix = "scheduler/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SchedulerCursor?> GetAsync(string dagId, CancellationToken cancellationToken) =>
        (await ReadAsync(dagId, cancellationToken).ConfigureAwait(false))?.Cursor;

    /// <summary>The DAG's cursor, created with <paramref name="notBefore"/> if it has none yet.</summary>
    public async Task<SchedulerCursor> GetOrCreateAsync(string dagId, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await ReadAsync(dagId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.Cursor;
            }

            var cursor = new SchedulerCursor(dagId, notBefore, null);
            if ((await objects.TryCreateAsync(Key(dagId), Encode(cursor), cancellationToken).ConfigureAwait(false)).Succeeded)
            {
                return cursor;
            }
        }
    }

    /// <summary>Moves the cursor to <paramref name="logicalDate"/> unless it is already there or past it.</summary>
    public async Task AdvanceAsync(string dagId, DateTimeOffset logicalDate, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await ReadAsync(dagId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"DAG '{dagId}' has no scheduler cursor to advance.");
            if (current.Cursor.LastLogicalDate >= logicalDate)
            {
                return;
            }

            var next = current.Cursor with { LastLogicalDate = logicalDate };
            if ((await objects.PutAsync(Key(dagId), Encode(next), current.ETag, cancellationToken).ConfigureAwait(false)).Succeeded)
            {
                return;
            }
        }
    }

    /// <summary>Forgets the DAG's cursor, as deleting the DAG does: a DAG registered again under its id starts afresh.</summary>
    public Task DeleteAsync(string dagId, CancellationToken cancellationToken) =>
        objects.DeleteAsync(Key(dagId), cancellationToken: cancellationToken);

    private async Task<(SchedulerCursor Cursor, string ETag)?> ReadAsync(string dagId, CancellationToken cancellationToken)
    {
        var stored = await objects.GetAsync(Key(dagId), cancellationToken).ConfigureAwait(false);
        return stored is null
            ? null
            : (JsonSerializer.Deserialize<SchedulerCursor>(stored.Content.Span, Json) ?? throw new InvalidOperationException($"{Key(dagId)} is empty."), stored.ETag);
    }

    private static byte[] Encode(SchedulerCursor cursor) => JsonSerializer.SerializeToUtf8Bytes(cursor, Json);

    private static string Key(string dagId) => $"{Prefix}{ObjectKey.RequireSegment(dagId, "dagId")}.json";
}
