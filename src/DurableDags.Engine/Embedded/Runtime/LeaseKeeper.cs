using System.Collections.Concurrent;
using DurableDags.Engine.Embedded.History;
using DurableDags.Storage.Objects;

namespace DurableDags.Engine.Embedded.Runtime;

/// <summary>
/// The leases one engine holds, each in its instance's active mark: taken when it creates or
/// claims an instance, renewed by the engine's heartbeat, gone with the mark when the instance
/// finishes, released when the engine stops in order. Every write is conditional (create if
/// absent, replace on the ETag read or last written), so of two engines that race for a lease
/// exactly one wins, and an engine that was away for longer than a lease learns that it lost it
/// at its next renewal.
/// </summary>
internal sealed class LeaseKeeper(IOrchestrationHistoryStore store, string owner, TimeSpan duration, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);

    public string Owner => owner;

    /// <summary>
    /// Takes the lease of an instance marked active when nobody holds it, it expired, or it is this
    /// engine's own from before; false when another engine holds it or the mark is gone (the
    /// instance finished meanwhile).
    /// </summary>
    public async Task<bool> TryAcquireAsync(string instanceId, CancellationToken cancellationToken)
    {
        var current = await store.GetLeaseAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (current is null || HeldElsewhere(current))
        {
            return false;
        }

        var etag = await store.WriteLeaseAsync(instanceId, Fresh(), current.ETag, cancellationToken).ConfigureAwait(false);
        if (etag is null)
        {
            return false;
        }

        _held[instanceId] = etag;
        return true;
    }

    /// <summary>
    /// Marks a new instance active holding this engine's lease, in one write. A mark that exists
    /// (left by a creation that failed half-way) is taken over as <see cref="TryAcquireAsync"/>
    /// would; false when another engine holds it.
    /// </summary>
    public async Task<bool> MarkNewAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (await store.WriteLeaseAsync(instanceId, Fresh(), ifMatch: null, cancellationToken).ConfigureAwait(false) is { } etag)
        {
            _held[instanceId] = etag;
            return true;
        }

        return await TryAcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether another engine holds the instance's lease and it has not expired.</summary>
    public async Task<bool> IsHeldElsewhereAsync(string instanceId, CancellationToken cancellationToken) =>
        await store.GetLeaseAsync(instanceId, cancellationToken).ConfigureAwait(false) is { } current && HeldElsewhere(current);

    /// <summary>Stops keeping the lease without a write: the instance finished, and removing its mark removed the lease.</summary>
    public void Forget(string instanceId) => _held.TryRemove(instanceId, out _);

    /// <summary>Renews every lease held; returns the instances whose lease another engine took meanwhile.</summary>
    public async Task<IReadOnlyList<string>> RenewAsync(CancellationToken cancellationToken)
    {
        var lost = new List<string>();
        foreach (var (instanceId, etag) in _held)
        {
            try
            {
                if (await RenewOneAsync(instanceId, etag, cancellationToken).ConfigureAwait(false) is { } renewed)
                {
                    _held.TryUpdate(instanceId, renewed, etag);
                }
                else if (_held.TryRemove(KeyValuePair.Create(instanceId, etag)))
                {
                    lost.Add(instanceId);
                }
            }
            catch (StorageUnavailableException)
            {
                // Tried again at the next beat; the lease holds for several beats.
            }
        }

        return lost;
    }

    /// <summary>
    /// The renewed lease's ETag, or null when another engine holds it. A renewal whose answer was
    /// lost in an outage may have landed: the lease then still names this engine under an ETag
    /// it never saw, and is renewed on that one rather than given up.
    /// </summary>
    private async Task<string?> RenewOneAsync(string instanceId, string etag, CancellationToken cancellationToken)
    {
        if (await store.WriteLeaseAsync(instanceId, Fresh(), etag, cancellationToken).ConfigureAwait(false) is { } renewed)
        {
            return renewed;
        }

        return await store.GetLeaseAsync(instanceId, cancellationToken).ConfigureAwait(false) is { } current && current.Lease.Owner == owner
            ? await store.WriteLeaseAsync(instanceId, Fresh(), current.ETag, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>Gives the lease of an unfinished instance up (an engine stopping in order), so another engine takes it at once.</summary>
    public async Task ReleaseAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (_held.TryRemove(instanceId, out var etag))
        {
            await store.ReleaseLeaseAsync(instanceId, etag, cancellationToken).ConfigureAwait(false);
        }
    }

    public IReadOnlyCollection<string> Held => [.. _held.Keys];

    private InstanceLease Fresh() => new(owner, clock.GetUtcNow() + duration);

    /// <summary>Another engine's lease that has not expired: the one case a lease is not this engine's to take.</summary>
    private bool HeldElsewhere(StoredLease current) => current.Lease.Owner != owner && current.Lease.ExpiresAt > clock.GetUtcNow();
}
