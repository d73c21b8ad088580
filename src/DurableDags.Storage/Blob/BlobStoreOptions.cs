using Azure.Identity;
using Azure.Storage.Blobs;

namespace DurableDags.Storage.Blob;

/// <summary>
/// Where the Blob store lives: a connection string (<c>UseDevelopmentStorage=true</c> for Azurite)
/// or an account URL reached with <see cref="DefaultAzureCredential"/> (managed identity on Azure,
/// the developer's login elsewhere).
/// </summary>
public sealed record BlobStoreOptions
{
    public const string DefaultContainerName = "durabledags";

    public string? ConnectionString { get; init; }

    /// <summary>For example <c>https://account.blob.core.windows.net</c>.</summary>
    public Uri? AccountUrl { get; init; }

    /// <summary>Client id of a user-assigned managed identity; null for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; init; }

    public string ContainerName { get; init; } = DefaultContainerName;

    /// <summary>
    /// Reads what a user passes as <c>--storage</c>: an <c>https://</c> account URL, or else a
    /// connection string.
    /// </summary>
    public static BlobStoreOptions Parse(string connection, string containerName = DefaultContainerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        return Uri.TryCreate(connection, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? new BlobStoreOptions { AccountUrl = url, ContainerName = containerName }
            : new BlobStoreOptions { ConnectionString = connection, ContainerName = containerName };
    }

    /// <summary>The client options every store client uses.</summary>
    /// <remarks>
    /// Throughput settings are the SDK's defaults, measured (bench/blob-throughput.md): each store
    /// call is one request and conflicts are never retried; a cap on connections gained nothing on
    /// Azurite and would throttle 64 concurrent activities against real Blob Storage. Retries are
    /// few and short, so a call fails within about 2 s when the service cannot be reached (the
    /// defaults took 27 s, which left API calls and health checks hanging): work that must not be
    /// lost waits out an outage with <see cref="Outages.StorageRetry"/> instead, and an API call
    /// answers 503. One place, so the benchmark measures exactly what the store uses.
    /// </remarks>
    public static BlobClientOptions CreateClientOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = Azure.Core.RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        // One request of a few KB: 10 s is long for the service and short for a caller waiting on it.
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    internal BlobContainerClient CreateContainerClient()
    {
        if ((ConnectionString is null) == (AccountUrl is null))
        {
            throw new ArgumentException("Blob storage needs exactly one of a connection string and an account URL.");
        }

        if (ConnectionString is not null)
        {
            return new BlobContainerClient(ConnectionString, ContainerName, CreateClientOptions());
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ManagedIdentityClientId });
        return new BlobServiceClient(AccountUrl, credential, CreateClientOptions()).GetBlobContainerClient(ContainerName);
    }
}
