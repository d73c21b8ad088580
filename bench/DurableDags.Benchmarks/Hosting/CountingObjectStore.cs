using System.Collections.Concurrent;
using DurableDags.Storage.Objects;

namespace DurableDags.Benchmarks.Hosting;

/// <summary>
/// Passes every call to the real store and counts it, so a scenario knows how many writes a run
/// did and can time a loop of as many raw writes. Only the benchmark wraps a store this way.
/// </summary>
public sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    /// <summary>Key segments that name a kind of object; any other segment is an id.</summary>
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "runs", "run.json", "nodes", "attempts", "outputs", "logs", "orchestrations", "instances", "instance.json",
        "history", "inbox", "active", "dags", "versions", "run-index", "idempotency", "scheduler",
    };

    private readonly ConcurrentDictionary<string, int> _byKind = new(StringComparer.Ordinal);
    private long _gets;
    private long _lists;
    private long _writes;
    private long _deletes;
    private long _bytesWritten;

    public IObjectStore Inner => inner;

    /// <summary>The counts since the last <see cref="Reset"/>.</summary>
    public StoreCounts Counts => new(
        Interlocked.Read(ref _gets), Interlocked.Read(ref _lists), Interlocked.Read(ref _writes),
        Interlocked.Read(ref _deletes), Interlocked.Read(ref _bytesWritten));

    /// <summary>Calls per operation and kind of key since the last reset, most first: "put runs/*/*/nodes/*".</summary>
    /// <remarks>
    /// From the dictionary's own <c>ToArray</c>, which holds its locks: LINQ over the dictionary
    /// reads its count and then copies, and a background history write arriving between the two
    /// threw.
    /// </remarks>
    public IEnumerable<KeyValuePair<string, int>> ByKind => _byKind.ToArray().OrderByDescending(k => k.Value);

    public void Reset()
    {
        _byKind.Clear();
        Interlocked.Exchange(ref _gets, 0);
        Interlocked.Exchange(ref _lists, 0);
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _deletes, 0);
        Interlocked.Exchange(ref _bytesWritten, 0);
    }

    public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        Tally("get", key);
        Interlocked.Increment(ref _gets);
        return inner.GetAsync(key, cancellationToken);
    }

    public Task<WriteResult> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        Tally("create", key);
        CountWrite(content.Length);
        return inner.TryCreateAsync(key, content, cancellationToken);
    }

    public Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        Tally("put", key);
        CountWrite(content.Length);
        return inner.PutAsync(key, content, ifMatch, cancellationToken);
    }

    public Task<bool> DeleteAsync(string key, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        Tally("delete", key);
        Interlocked.Increment(ref _deletes);
        return inner.DeleteAsync(key, ifMatch, cancellationToken);
    }

    public Task<ObjectPage> ListAsync(string prefix, string? startAfter = null, int limit = ObjectPage.MaxLimit, CancellationToken cancellationToken = default)
    {
        Tally("list", prefix);
        Interlocked.Increment(ref _lists);
        return inner.ListAsync(prefix, startAfter, limit, cancellationToken);
    }

    private void Tally(string operation, string key) =>
        _byKind.AddOrUpdate($"{operation} {string.Join('/', key.Split('/').Select(s => Words.Contains(s) ? s : "*"))}", 1, (_, n) => n + 1);

    private void CountWrite(int bytes)
    {
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _bytesWritten, bytes);
    }
}

/// <summary>Calls a store received; <see cref="Writes"/> counts puts and creates, deletes apart.</summary>
public sealed record StoreCounts(long Gets, long Lists, long Writes, long Deletes, long BytesWritten)
{
    /// <summary>Every call that changes the store.</summary>
    public long Changes => Writes + Deletes;

    public int MeanWriteBytes => Writes == 0 ? 0 : (int)(BytesWritten / Writes);
}
