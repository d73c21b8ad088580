using System.Text.Json;
using DurableDags.Storage.Objects;

namespace DurableDags.Api.Registry;

/// <summary>
/// Where each DAG comes from, in its own area of the store (<c>origins/{dagId}.json</c>): the
/// server's folder (with the file) or the API. A DAG stored before origins were kept has none,
/// and the folder may take it over. The folder and the API never silently override each other: a folder DAG is read-only over
/// the API (PUT gets 409 naming the file), and a folder file whose id an API upload holds is an
/// import error, not loaded.
/// </summary>
public sealed class DagOrigins(IObjectStore objects)
{
    private const string Prefix = "origins/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string Folder = "folder";
    public const string Api = "api";

    public async Task<DagOriginView?> GetAsync(string dagId, CancellationToken cancellationToken)
    {
        var stored = await objects.GetAsync(Key(dagId), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : JsonSerializer.Deserialize<DagOriginView>(stored.Content.Span, Json);
    }

    /// <summary>The folder file the DAG was loaded from, or null when it does not come from the folder.</summary>
    public async Task<string?> FolderFileAsync(string dagId, CancellationToken cancellationToken) =>
        await GetAsync(dagId, cancellationToken).ConfigureAwait(false) is { Kind: Folder, File: var file } ? file : null;

    public async Task SetAsync(string dagId, DagOriginView origin, CancellationToken cancellationToken) =>
        await objects.PutAsync(Key(dagId), JsonSerializer.SerializeToUtf8Bytes(origin, Json), cancellationToken: cancellationToken).ConfigureAwait(false);

    public Task ForgetAsync(string dagId, CancellationToken cancellationToken) =>
        objects.DeleteAsync(Key(dagId), cancellationToken: cancellationToken);

    private static string Key(string dagId) => $"{Prefix}{ObjectKey.RequireSegment(dagId, "dagId")}.json";
}

/// <summary>
/// <c>origin</c> in <c>GET /api/dags/{dagId}</c>: <c>{ "kind": "folder", "file": "…" }</c> or
/// <c>{ "kind": "api", "file": null }</c>.
/// </summary>
public sealed record DagOriginView(string Kind, string? File);
