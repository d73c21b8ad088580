using System.Net;
using DurableDags.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Web.Tests.Hosting;

/// <summary>A real Kestrel host on a free loopback port that serves the web UI and nothing else.</summary>
public sealed class UiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private UiServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
        Client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public static async Task<UiServer> StartAsync()
    {
        var (app, address) = await LoopbackHost.StartAsync(_ => { }, app =>
        {
            app.MapWebUi();

            // What the Functions app does: one function with the route {*path}, for every method it
            // declares, returning the handler's result.
            app.MapMethods("/functions/{**path}", ["GET", "HEAD", "POST"], (HttpRequest request, string? path) => WebUiEndpoints.ServeAsync(request, path));
        });
        return new UiServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
