using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DurableDags.Engine.Tests.Operators.Testing;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port, for operators to call. It records every
/// request it received (method, path and query, headers, body) so tests assert on what reached
/// the server, not on what the client meant to send.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Absolute URL of a path on this server, as DAG settings write it.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    public int CountOf(string path) => Received.Count(r => r.Path == path);

    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        // Not watching settings files: a watch covers every folder under the working directory.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            server!.Received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Urls.Single();
        server = new LoopbackServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
