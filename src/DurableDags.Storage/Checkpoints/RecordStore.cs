using System.Text.Json;
using DurableDags.Core.Secrets;
using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Checkpoints;

/// <summary>
/// Typed records over an <see cref="IObjectStore"/>: JSON in <see cref="CheckpointJson"/> form,
/// redacted on every write. The one place records become bytes, so no write can skip redaction.
/// </summary>
internal sealed class RecordStore(IObjectStore objects, SecretRedactor redactor)
{
    private const int ReadParallelism = 32;

    public IObjectStore Objects => objects;

    public SecretRedactor Redactor => redactor;

    public byte[] Encode<T>(T value) => redactor.RedactJson(JsonSerializer.SerializeToUtf8Bytes(value, CheckpointJson.Options));

    public async Task<Versioned<T>?> GetAsync<T>(string key, CancellationToken cancellationToken)
    {
        var stored = await objects.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : new Versioned<T>(Decode<T>(key, stored.Content), stored.ETag);
    }

    public async Task<T?> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class =>
        (await GetAsync<T>(key, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>The new ETag, or null when the key already existed.</summary>
    public async Task<string?> TryCreateAsync<T>(string key, T value, CancellationToken cancellationToken) =>
        (await objects.TryCreateAsync(key, Encode(value), cancellationToken).ConfigureAwait(false)).ETag;

    /// <summary>The new ETag, or null on a conflict with <paramref name="ifMatch"/>.</summary>
    public async Task<string?> PutAsync<T>(string key, T value, string? ifMatch, CancellationToken cancellationToken) =>
        (await objects.PutAsync(key, Encode(value), ifMatch, cancellationToken).ConfigureAwait(false)).ETag;

    /// <summary>
    /// Read, change, write back on the ETag read; on a conflict, again from the fresh value. Null
    /// when the key does not exist.
    /// </summary>
    public async Task<Versioned<T>?> UpdateAsync<T>(string key, Func<T, T> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await GetAsync<T>(key, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            var next = change(current.Value);
            if (await PutAsync(key, next, current.ETag, cancellationToken).ConfigureAwait(false) is { } etag)
            {
                return new Versioned<T>(next, etag);
            }
        }
    }

    /// <summary>Reads keys in parallel; a missing key gives null in its place.</summary>
    public async Task<T?[]> ReadManyAsync<T>(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        where T : class
    {
        var results = new T?[keys.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), options, async (i, ct) =>
            results[i] = await ReadAsync<T>(keys[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    /// <summary>Every key under a prefix, all pages, in ordinal order.</summary>
    public async Task<List<string>> ListAllAsync(string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        string? after = null;
        do
        {
            var page = await objects.ListAsync(prefix, after, ObjectPage.MaxLimit, cancellationToken).ConfigureAwait(false);
            keys.AddRange(page.Keys);
            after = page.NextStartAfter;
        }
        while (after is not null);

        return keys;
    }

    public static T Decode<T>(string key, ReadOnlyMemory<byte> content)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(content.Span, CheckpointJson.Options)
                ?? throw new InvalidDataException($"Storage object '{key}' holds null, not a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Storage object '{key}' is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
