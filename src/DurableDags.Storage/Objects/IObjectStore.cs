namespace DurableDags.Storage.Objects;

/// <summary>
/// Keys to bytes, with ETags for optimistic concurrency. Every write is atomic (a reader sees the
/// old or the new bytes, never a mix) and every conditional write is linearizable: two writers
/// holding the same ETag can never both succeed, so read-modify-write loops never lose an update.
/// Keys are checked by <see cref="ObjectKey.Validate"/> before any I/O.
/// </summary>
/// <remarks>
/// A key must not also be the folder of another key (<c>a</c> and <c>a/b</c>): Blob Storage allows
/// it, a file system does not, and the checkpoint layout never needs it.
/// </remarks>
public interface IObjectStore
{
    /// <summary>The bytes and ETag of <paramref name="key"/>, or null when it does not exist.</summary>
    Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes only if <paramref name="key"/> does not exist; a conflict when it does.</summary>
    Task<WriteResult> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="key"/>. With <paramref name="ifMatch"/>, only if the key exists and its
    /// current ETag is that one; otherwise a conflict and nothing is written.
    /// </summary>
    Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>True when this call deleted the key; false when it was absent or its ETag differed.</summary>
    Task<bool> DeleteAsync(string key, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keys starting with <paramref name="prefix"/> (a plain string prefix, as in Blob Storage), in
    /// ordinal order, strictly after <paramref name="startAfter"/> when given, at most
    /// <paramref name="limit"/> of them.
    /// </summary>
    Task<ObjectPage> ListAsync(string prefix, string? startAfter = null, int limit = ObjectPage.MaxLimit, CancellationToken cancellationToken = default);
}
