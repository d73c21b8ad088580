namespace DurableDags.Engine.Embedded.History;

/// <summary>
/// Who drives an orchestration instance, until when. The owner renews it long before it expires;
/// a lease past its expiry belongs to nobody, and any engine may take it.
/// </summary>
public sealed record InstanceLease(string Owner, DateTimeOffset ExpiresAt)
{
    /// <summary>No engine's: what an active mark holds that was written without a lease or whose lease was released.</summary>
    public static InstanceLease None { get; } = new("", DateTimeOffset.MinValue);
}

/// <summary>A lease as stored, with the ETag a renewal or takeover must match.</summary>
public sealed record StoredLease(InstanceLease Lease, string ETag);
