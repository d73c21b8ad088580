using System.Collections.Concurrent;
using Azure.Storage.Blobs;

namespace DurableDags.Engine.Operators.Sensors;

/// <summary>
/// Finds the storage a blob sensor checks: the host's own, or the account whose connection
/// string is in the app setting a sensor names in <c>blob.connection</c>, as Azure Functions
/// bindings read theirs (app settings are environment variables there and locally).
/// </summary>
public sealed class BlobProbes(IBlobProbe? hostStorage, Func<string, string?> readSetting)
{
    private readonly ConcurrentDictionary<string, IBlobProbe> _byConnection = new(StringComparer.Ordinal);

    public BlobProbes(IBlobProbe? hostStorage)
        : this(hostStorage, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Only named connections; a sensor on the host's storage fails with a clear message.</summary>
    public static BlobProbes FromSettings { get; } = new(null);

    /// <exception cref="OperatorFailureException">The storage is not configured; not retryable.</exception>
    public IBlobProbe For(string? connection)
    {
        if (connection is null)
        {
            return hostStorage ?? throw OperatorFailureException.Permanent(
                "blob sensors need blob storage and this host has none configured: register a BlobServiceClient or an IBlobProbe, or name an app setting in blob.connection");
        }

        return _byConnection.GetOrAdd(connection, name => new BlobServiceProbe(new BlobServiceClient(
            readSetting(name) is { Length: > 0 } connectionString
                ? connectionString
                : throw OperatorFailureException.Permanent($"blob.connection: the app setting '{name}' is not set"))));
    }
}
