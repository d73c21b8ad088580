using System.Globalization;
using DurableDags.Storage.Objects;

namespace DurableDags.Benchmarks.Throughput;

/// <summary>
/// The calls <see cref="BlobThroughput"/> times, in an order where each finds what it needs: keys
/// created, then replaced on their ETags, read, then the conflicting and missing cases, then the
/// engine's node shape (create as running, replace as succeeded), then listings that find one key.
/// Each checks its answer.
/// </summary>
public sealed class StoreCalls(IObjectStore store, string prefix, int count, byte[] content)
{
    private readonly string?[] _created = new string?[count];
    private readonly string?[] _replaced = new string?[count];

    public string Prefix => prefix;

    public IEnumerable<(string Name, Func<int, Task> Call, int Count)> InOrder()
    {
        yield return ("create (If-None-Match: *)", CreateAsync, count);
        yield return ("replace (If-Match)", ReplaceAsync, count);
        yield return ("get", GetAsync, count);
        yield return ("create, exists: 409", CreateExistingAsync, count);
        yield return ("replace, stale ETag: 412", ReplaceStaleAsync, count);
        yield return ("get, missing: 404", GetMissingAsync, count);
        yield return ("node: create + replace", NodeAsync, count / 2);
        yield return ("list a one-key prefix", ListOneAsync, count);
    }

    private async Task CreateAsync(int i) =>
        _created[i] = Written(await store.TryCreateAsync(Key(i), content).ConfigureAwait(false), i);

    private async Task ReplaceAsync(int i) =>
        _replaced[i] = Written(await store.PutAsync(Key(i), content, _created[i]).ConfigureAwait(false), i);

    private async Task GetAsync(int i)
    {
        var stored = await store.GetAsync(Key(i)).ConfigureAwait(false);
        if (stored?.ETag != _replaced[i])
        {
            throw new InvalidOperationException($"{Key(i)}: read {stored?.ETag ?? "nothing"}, wrote {_replaced[i]}.");
        }
    }

    private async Task CreateExistingAsync(int i) =>
        Conflict(await store.TryCreateAsync(Key(i), content).ConfigureAwait(false), i);

    private async Task ReplaceStaleAsync(int i) =>
        Conflict(await store.PutAsync(Key(i), content, _created[i]).ConfigureAwait(false), i);

    private async Task GetMissingAsync(int i)
    {
        if (await store.GetAsync(Key(i, "missing")).ConfigureAwait(false) is not null)
        {
            throw new InvalidOperationException($"{Key(i, "missing")} exists.");
        }
    }

    /// <summary>What a store that finds records by listing pays: a listing that finds one key.</summary>
    private async Task ListOneAsync(int i)
    {
        var page = await store.ListAsync(Key(i)).ConfigureAwait(false);
        if (page.Keys.Count != 1)
        {
            throw new InvalidOperationException($"Listing {Key(i)} found {page.Keys.Count} keys.");
        }
    }

    private async Task NodeAsync(int i)
    {
        var running = Written(await store.TryCreateAsync(Key(i, "node"), content).ConfigureAwait(false), i);
        Written(await store.PutAsync(Key(i, "node"), content, running).ConfigureAwait(false), i);
    }

    private string Key(int i, string kind = "n") => string.Create(CultureInfo.InvariantCulture, $"{prefix}{kind}{i:D4}.json");

    private string Written(WriteResult result, int i) =>
        result.ETag ?? throw new InvalidOperationException($"{Key(i)}: the write conflicted.");

    private void Conflict(WriteResult result, int i)
    {
        if (result.ETag is not null)
        {
            throw new InvalidOperationException($"{Key(i)}: the write should have conflicted.");
        }
    }
}
