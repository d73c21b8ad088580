using System.Globalization;
using System.Text.Json;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Audit;

/// <summary>
/// Who did what to a run: each entry is one small object of its own under
/// <c>runs/{dagId}/{runId}/audit/</c>, created once and never rewritten, named by time so a
/// listing is in order. What the engine did (node states, alerts) is not written again here: the
/// run's event log is read from the records that already hold it.
/// </summary>
public sealed class RunAuditLog(IObjectStore objects)
{
    public async Task AppendAsync(string dagId, string runId, RunAuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix(dagId, runId)}{entry.At.UtcTicks:D19}-{Guid.NewGuid():N}.json");
        await objects.TryCreateAsync(name, JsonSerializer.SerializeToUtf8Bytes(entry, CheckpointJson.Options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every entry of the run, oldest first.</summary>
    public async Task<IReadOnlyList<RunAuditEntry>> ListAsync(string dagId, string runId, CancellationToken cancellationToken = default)
    {
        return await JsonObjectListing.ReadAllAsync<RunAuditEntry>(objects, Prefix(dagId, runId), cancellationToken).ConfigureAwait(false);
    }

    private static string Prefix(string dagId, string runId) => $"{CheckpointKeys.RunFolder(dagId, runId)}audit/";
}
