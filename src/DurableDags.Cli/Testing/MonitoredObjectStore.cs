using DurableDags.Storage.Objects;

namespace DurableDags.Cli.Testing;

/// <summary>The test's store, reporting every operation to the <see cref="ActivityMonitor"/>: the engine's history, records and logs all go through it.</summary>
internal sealed class MonitoredObjectStore(IObjectStore inner, ActivityMonitor monitor) : IObjectStore
{
    public async Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        using var _ = monitor.Enter();
        return await inner.GetAsync(key, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteResult> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        using var _ = monitor.Enter();
        return await inner.TryCreateAsync(key, content, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var _ = monitor.Enter();
        return await inner.PutAsync(key, content, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string key, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var _ = monitor.Enter();
        return await inner.DeleteAsync(key, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ObjectPage> ListAsync(string prefix, string? startAfter = null, int limit = ObjectPage.MaxLimit, CancellationToken cancellationToken = default)
    {
        using var _ = monitor.Enter();
        return await inner.ListAsync(prefix, startAfter, limit, cancellationToken).ConfigureAwait(false);
    }
}
