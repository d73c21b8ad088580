using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableDags.Api.Demo;

/// <summary>
/// The demo services of <c>dags serve --demo</c> (<see cref="DemoEndpoints"/>), so the example DAGs
/// run green on a laptop with nothing else installed. It listens on a port of its own, on
/// loopback only: nodes may not call the server's own API (OutboundPolicy denies its address),
/// and the demo must not open that door; a port of its own also never clashes with <c>--urls</c>.
/// </summary>
public sealed class DemoService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoService(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the demo answers, such as <c>http://127.0.0.1:39211/demo</c>: the value of <c>vars.demoUrl</c>.</summary>
    public string BaseUrl { get; }

    public static async Task<DemoService> StartAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Its requests are the examples' own; the server's logs already tell how each node went.
        builder.Logging.ClearProviders();
        var app = builder.Build();
        DemoEndpoints.Map(app, new DemoClock(options, TimeProvider.System), new DemoInbox(TimeProvider.System));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DemoService(app, $"{address.TrimEnd('/')}/demo");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
