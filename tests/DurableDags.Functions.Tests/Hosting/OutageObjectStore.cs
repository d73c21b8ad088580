using DurableDags.Storage.Objects;

namespace DurableDags.Functions.Tests.Hosting;

/// <summary>
/// The real store, unreachable while <see cref="Down"/> is set: every call is refused with
/// <see cref="StorageUnavailableException"/> before it reaches the inner store, as the Blob store
/// reports a refused connection. Nothing is written while it is down.
/// </summary>
public sealed class OutageObjectStore(IObjectStore inner) : IObjectStore
{
    private volatile bool _down;
    private int _refused;

    /// <summary>Whether the store is down; the test turns it on and off.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>How many calls were refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Up(() => inner.GetAsync(key, cancellationToken));

    public Task<WriteResult> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Up(() => inner.TryCreateAsync(key, content, cancellationToken));

    public Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        Up(() => inner.PutAsync(key, content, ifMatch, cancellationToken));

    public Task<bool> DeleteAsync(string key, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        Up(() => inner.DeleteAsync(key, ifMatch, cancellationToken));

    public Task<ObjectPage> ListAsync(string prefix, string? startAfter = null, int limit = ObjectPage.MaxLimit, CancellationToken cancellationToken = default) =>
        Up(() => inner.ListAsync(prefix, startAfter, limit, cancellationToken));

    private Task<T> Up<T>(Func<Task<T>> call)
    {
        if (!_down)
        {
            return call();
        }

        Interlocked.Increment(ref _refused);
        return Task.FromException<T>(new StorageUnavailableException("the test's store is down (connection refused)"));
    }
}
