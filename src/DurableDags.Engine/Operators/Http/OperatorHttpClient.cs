using System.Net;

namespace DurableDags.Engine.Operators.Http;

/// <summary>
/// The one HttpClient built-in operators share. A single SocketsHttpHandler pools connections
/// across nodes; recycling pooled connections every few minutes picks up DNS changes, which is
/// what IHttpClientFactory would otherwise be needed for.
/// </summary>
public static class OperatorHttpClient
{
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    public static HttpClient Create() => new(
        new SocketsHttpHandler
        {
            PooledConnectionLifetime = PooledConnectionLifetime,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        },
        disposeHandler: true)
    {
        // Each request gets its own timeout from the node, so the client must never cut one short.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
