using DurableDags.Api.Hosting;
using DurableDags.Benchmarks.Scenarios;
using DurableDags.Storage.Folder;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Benchmarks.Hosting;

/// <summary>
/// One server as <c>dags serve</c> builds it (<see cref="DurableDagsServer"/>: Kestrel on
/// 127.0.0.1, the folder store, the embedded engine and the scheduler) for all the samples of a
/// scenario, as a deployment keeps one running. A new server per sample made every timed burst
/// pay the JIT re-tiering the server's request and start-up paths (hundreds of methods a sample),
/// which a running server is past within minutes.
/// </summary>
public sealed class LongLivedServer(ScratchFolders folders, IReadOnlyList<string> configurationArgs) : IAsyncDisposable
{
    private WebApplication? _app;

    public WebApplication App => _app ?? throw new InvalidOperationException("the server has not started");

    /// <summary>The server's folder store, counting its calls (set once the server has started).</summary>
    public CountingObjectStore Objects { get; private set; } = null!;

    /// <summary>A client of the server, started on first use.</summary>
    public async Task<HttpClient> ClientAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            var folder = folders.New("dd-bench-serve");
            Objects = new CountingObjectStore(new FolderObjectStore(Path.Combine(folder, "store")));
            var app = await DurableDagsServer.BuildAsync(new ServerOptions
            {
                DagsFolder = Directory.CreateDirectory(Path.Combine(folder, "dags")).FullName,
                ObjectStore = Objects,
                Urls = "http://127.0.0.1:0",
                ConfigurationArgs = [.. configurationArgs],
            }, cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            _app = app;
        }

        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
