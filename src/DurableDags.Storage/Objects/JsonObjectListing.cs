using System.Text.Json;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Storage.Objects;

/// <summary>Reads every JSON record under a prefix, page by page, in key order.</summary>
internal static class JsonObjectListing
{
    public static async Task<List<T>> ReadAllAsync<T>(IObjectStore objects, string prefix, CancellationToken cancellationToken)
    {
        var records = new List<T>();
        string? after = null;
        do
        {
            var page = await objects.ListAsync(prefix, after, cancellationToken: cancellationToken).ConfigureAwait(false);
            var read = await Task.WhenAll(page.Keys.Select(k => objects.GetAsync(k, cancellationToken))).ConfigureAwait(false);
            records.AddRange(read.OfType<StoredObject>().Select(o => JsonSerializer.Deserialize<T>(o.Content.Span, CheckpointJson.Options)!));
            after = page.NextStartAfter;
        }
        while (after is not null);
        return records;
    }
}
