using DurableDags.Storage.Blob;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Api.Hosting;

/// <summary>
/// The Blob store of a deployed host, from the configuration section <c>DurableDags:Storage</c>
/// (app settings <c>DurableDags__Storage__…</c>): <c>AccountUrl</c> reached with the managed
/// identity (<c>ClientId</c> names a user-assigned one), or <c>ConnectionString</c> (Azurite:
/// <c>UseDevelopmentStorage=true</c>); <c>Container</c> defaults to <c>durabledags</c>.
/// </summary>
public static class BlobStoreSettings
{
    public const string Section = "DurableDags:Storage";

    /// <exception cref="InvalidOperationException">The settings name no store, both kinds, or a URL that is not https.</exception>
    public static BlobStoreOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var url = Value(section, "AccountUrl");
        var connection = Value(section, "ConnectionString");
        var container = Value(section, "Container") ?? BlobStoreOptions.DefaultContainerName;
        if ((url is null) == (connection is null))
        {
            throw new InvalidOperationException(url is null
                ? $"No Blob store is configured: set {Section}:AccountUrl (with the managed identity) or {Section}:ConnectionString."
                : $"{Section}:AccountUrl and {Section}:ConnectionString are both set; set only one.");
        }

        if (connection is not null)
        {
            return new BlobStoreOptions { ConnectionString = connection, ContainerName = container };
        }

        // Bearer tokens only travel over TLS, so an identity-based account URL must be https.
        return Uri.TryCreate(url, UriKind.Absolute, out var account) && account.Scheme == Uri.UriSchemeHttps
            ? new BlobStoreOptions { AccountUrl = account, ManagedIdentityClientId = Value(section, "ClientId"), ContainerName = container }
            : throw new InvalidOperationException($"{Section}:AccountUrl must be an https:// URL such as https://account.blob.core.windows.net; it is '{url}'.");
    }

    private static string? Value(IConfigurationSection section, string key) =>
        string.IsNullOrWhiteSpace(section[key]) ? null : section[key]!.Trim();
}
