using System.Net;
using DurableDags.Engine.Operators.Http.Outbound;

namespace DurableDags.Engine.Operators.Http;

/// <summary>
/// The one HttpClient built-in operators share. A single SocketsHttpHandler pools connections
/// across nodes; recycling pooled connections every few minutes picks up DNS changes, which is
/// what IHttpClientFactory would otherwise be needed for. It connects through the
/// <see cref="OutboundPolicy"/> and follows no redirect itself: <see cref="HttpExchange"/> does,
/// so that no header crosses to another origin.
/// </summary>
public static class OperatorHttpClient
{
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    public static HttpClient Create(OutboundPolicy? policy = null) => new(
        new SocketsHttpHandler
        {
            PooledConnectionLifetime = PooledConnectionLifetime,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AllowAutoRedirect = false,
            ConnectCallback = new OutboundConnector(policy ?? OutboundPolicy.Default).ConnectAsync,
        },
        disposeHandler: true)
    {
        // Each request gets its own timeout from the node, so the client must never cut one short.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
