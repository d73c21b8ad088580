using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DurableDags.Core.Secrets;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Alerts;

/// <summary>
/// The alerts of a run, one small object per alert and target under
/// <c>runs/{dagId}/{runId}/alerts/</c>: a delivery writes only its own record, and the record is
/// what keeps an event from being delivered twice.
/// </summary>
public sealed class AlertLog(IObjectStore objects, SecretRedactor redactor)
{
    public async Task<AlertRecord?> GetAsync(string dagId, string runId, string key, CancellationToken cancellationToken = default)
    {
        var stored = await objects.GetAsync(KeyOf(dagId, runId, key), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : JsonSerializer.Deserialize<AlertRecord>(stored.Content.Span, CheckpointJson.Options);
    }

    public async Task PutAsync(string dagId, string runId, AlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var bytes = redactor.RedactJson(JsonSerializer.SerializeToUtf8Bytes(alert, CheckpointJson.Options));
        await objects.PutAsync(KeyOf(dagId, runId, alert.Key), bytes, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every alert of the run, oldest first.</summary>
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(string dagId, string runId, CancellationToken cancellationToken = default)
    {
        var alerts = await JsonObjectListing.ReadAllAsync<AlertRecord>(objects, Prefix(dagId, runId), cancellationToken).ConfigureAwait(false);
        return [.. alerts.OrderBy(a => a.At).ThenBy(a => a.Key, StringComparer.Ordinal)];
    }

    private static string Prefix(string dagId, string runId) => $"{CheckpointKeys.RunFolder(dagId, runId)}alerts/";

    /// <summary>Keys hold node ids and map indexes; hashed, any of them fits in one key segment.</summary>
    private static string KeyOf(string dagId, string runId, string key) =>
        $"{Prefix(dagId, runId)}{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}.json";
}
