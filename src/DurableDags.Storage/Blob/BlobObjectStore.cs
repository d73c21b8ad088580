using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Blob;

/// <summary>
/// Objects as block blobs in one container. Each write is a single Put Blob, which Blob Storage
/// applies atomically; conditions travel as <c>If-None-Match: *</c> and <c>If-Match</c> headers,
/// so the service itself refuses a stale writer (412) or a second creator (409). A service that
/// cannot be reached (after the client's few retries, see <see cref="BlobStoreOptions.CreateClientOptions"/>)
/// is a <see cref="StorageUnavailableException"/>, never a missing object or a conflict.
/// </summary>
public sealed class BlobObjectStore : IObjectStore
{
    private readonly BlobContainerClient _container;

    public BlobObjectStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
    }

    /// <summary>Connects and creates the container if it is missing.</summary>
    public static async Task<BlobObjectStore> ConnectAsync(BlobStoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var container = options.CreateContainerClient();
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return new BlobObjectStore(container);
    }

    public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(key);
        return ReachAsync<StoredObject?>(async () =>
        {
            try
            {
                var response = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                return new StoredObject(response.Value.Content.ToMemory(), response.Value.Details.ETag.ToString());
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
            {
                return null;
            }
        }, cancellationToken);
    }

    public Task<WriteResult> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        UploadAsync(BlobOf(key), content, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);

    public Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        UploadAsync(BlobOf(key), content, ifMatch is null ? null : new BlobRequestConditions { IfMatch = new ETag(ifMatch) }, cancellationToken);

    public Task<bool> DeleteAsync(string key, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var blob = BlobOf(key);
        var conditions = ifMatch is null ? null : new BlobRequestConditions { IfMatch = new ETag(ifMatch) };
        return ReachAsync(async () =>
        {
            try
            {
                var response = await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.None, conditions, cancellationToken).ConfigureAwait(false);
                return response.Value;
            }
            catch (RequestFailedException e) when (IsConflict(e))
            {
                return false;
            }
        }, cancellationToken);
    }

    /// <remarks>
    /// Azure.Storage.Blobs 12.17 cannot start a listing at a name (later versions add StartFrom), so
    /// <paramref name="startAfter"/> skips names client-side: paging deep into a prefix lists, but
    /// never downloads, the names before the cursor, 5,000 per request.
    /// </remarks>
    public Task<ObjectPage> ListAsync(string prefix, string? startAfter = null, int limit = ObjectPage.MaxLimit, CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        ObjectPage.ValidateLimit(limit);
        return ReachAsync(() => ListPageAsync(prefix, startAfter, limit, cancellationToken), cancellationToken);
    }

    private async Task<ObjectPage> ListPageAsync(string prefix, string? startAfter, int limit, CancellationToken cancellationToken)
    {
        var keys = new List<string>(Math.Min(limit + 1, 256));
        var pages = _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix.Length == 0 ? null : prefix, cancellationToken)
            .AsPages(pageSizeHint: startAfter is null ? Math.Min(limit + 1, ObjectPage.MaxLimit) : ObjectPage.MaxLimit);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            foreach (var item in page.Values)
            {
                if (startAfter is null || string.CompareOrdinal(item.Name, startAfter) > 0)
                {
                    keys.Add(item.Name);
                }
            }

            if (keys.Count > limit)
            {
                break;
            }
        }

        // The service sorts by UTF-8 bytes, which is ordinal order for the ASCII keys allow.
        return ObjectPage.From(keys, limit);
    }

    private BlobClient BlobOf(string key)
    {
        ObjectKey.Validate(key);
        return _container.GetBlobClient(key);
    }

    private Task<WriteResult> UploadAsync(BlobClient blob, ReadOnlyMemory<byte> content, BlobRequestConditions? conditions, CancellationToken cancellationToken) =>
        ReachAsync(async () =>
        {
            try
            {
                var options = new BlobUploadOptions { Conditions = conditions };
                var response = await blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken).ConfigureAwait(false);
                return WriteResult.Written(response.Value.ETag.ToString());
            }
            catch (RequestFailedException e) when (conditions is not null && IsConflict(e))
            {
                return WriteResult.Conflict;
            }
        }, cancellationToken);

    /// <summary>Runs one service call; a service that cannot be reached becomes <see cref="StorageUnavailableException"/>.</summary>
    private async Task<T> ReachAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (BlobFailures.IsUnavailable(e, cancellationToken))
        {
            throw new StorageUnavailableException(
                $"Blob storage at {_container.Uri.GetLeftPart(UriPartial.Path)} cannot be reached: {BlobFailures.Reason(e)}", e);
        }
    }

    /// <summary>409: the blob exists (If-None-Match); 412: the ETag differs; 404: If-Match on a missing blob.</summary>
    private static bool IsConflict(RequestFailedException e) =>
        e.Status is 409 or 412 || e.ErrorCode == BlobErrorCode.BlobNotFound;
}
