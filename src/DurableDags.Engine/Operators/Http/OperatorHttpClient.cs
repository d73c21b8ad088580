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

    /// <summary>
    /// Set on a request that must go out on a connection of its own: one sent again because a
    /// pooled connection closed under it (SocketsHttpHandler reuses connections after HTTP/1.0
    /// responses, which the server then closes).
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> NewConnection = new("DurableDags.NewConnection");

    public static HttpClient Create(OutboundPolicy? policy = null)
    {
        var connector = new OutboundConnector(policy ?? OutboundPolicy.Default);
        return new HttpClient(new ConnectionChoice(Handler(connector, pooled: true), Handler(connector, pooled: false)), disposeHandler: true)
        {
            // Each request gets its own timeout from the node, so the client must never cut one short.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    private static SocketsHttpHandler Handler(OutboundConnector connector, bool pooled) => new()
    {
        PooledConnectionLifetime = PooledConnectionLifetime,
        // Zero: a connection is never kept idle, so every request on this handler gets a new one.
        PooledConnectionIdleTimeout = pooled ? TimeSpan.FromSeconds(60) : TimeSpan.Zero,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AllowAutoRedirect = false,
        ConnectCallback = connector.ConnectAsync,
    };

    /// <summary>Sends on the pooled handler, or on the unpooled one when the request asks for <see cref="NewConnection"/>.</summary>
    private sealed class ConnectionChoice(HttpMessageHandler pooled, HttpMessageHandler unpooled) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _pooled = new(pooled, disposeHandler: true);
        private readonly HttpMessageInvoker _unpooled = new(unpooled, disposeHandler: true);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Options.TryGetValue(NewConnection, out var fresh) && fresh)
            {
                request.Headers.ConnectionClose = true;
                return _unpooled.SendAsync(request, cancellationToken);
            }

            return _pooled.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _pooled.Dispose();
                _unpooled.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
