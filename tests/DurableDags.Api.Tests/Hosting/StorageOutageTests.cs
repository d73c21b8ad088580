using System.Net;
using System.Text;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Engine;
using DurableDags.Storage.Blob;
using DurableDags.Storage.Tests.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Tests.Hosting;

/// <summary>
/// Issue 12, item 1: a real Azurite stopped in the middle of a run and started again on its port
/// and data. The outage pauses the run and nothing else: health and the API answer 503 while it
/// lasts, the run carries on by itself when storage is back (the outage outlasts the engine's
/// lease), and every node succeeds with its one call.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private const int Width = 24;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    private AzuriteProcess _azurite = null!;
    private CallCounter _counter = null!;
    private ApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartNewAsync(persistent: true);
        _counter = await CallCounter.StartAsync();
        // Leases shorter than the outage: the outage outlasts them, as a long one outlasts 30 s.
        _server = await ApiServer.OnStoreAsync(
            await BlobObjectStore.ConnectAsync(new BlobStoreOptions { ConnectionString = _azurite.ConnectionString }),
            services => services.AddSingleton(new DurableDagsEngineOptions { MaxConcurrentActivities = 8, LeaseDuration = TimeSpan.FromSeconds(2) }));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _counter.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_run_pauses_through_a_blob_outage_and_succeeds_after_with_every_node_called_once()
    {
        var yaml = new StringBuilder($"""
            id: wide
            nodes:
              first:
                type: http
                with: {"{"} url: "{_counter.Url("first")}" {"}"}

            """);
        for (var i = 0; i < Width; i++)
        {
            yaml.Append($"""
                  n{i}:
                    needs: [first]
                    type: http
                    with: {"{"} url: "{_counter.Url($"n{i}")}" {"}"}

                """);
        }

        using (var put = await _server.PutDagAsync("wide", yaml.ToString()))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        // Each call takes a while, so calls are in flight when storage goes away and their
        // results must be held until it is back.
        _counter.Delay = TimeSpan.FromMilliseconds(700);
        var runId = await _server.TriggerAsync("wide");
        await PollAsync(() => _counter.TotalCalls > 1, "the fan-out did not start");
        await _azurite.StopAsync();

        var outageEnds = DateTime.UtcNow + Outage;
        while (DateTime.UtcNow < outageEnds)
        {
            using var health = await _server.SendAsync(HttpMethod.Get, "/api/health", key: null);
            var problem = await health.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("Storage unreachable since", problem, StringComparison.Ordinal);

            using var view = await _server.SendAsync(HttpMethod.Get, $"/api/dags/wide/runs/{runId}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, view.StatusCode);
            Assert.Contains("Blob storage at", await view.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await Task.Delay(250);
        }

        var calledDuringOutage = _counter.TotalCalls;
        await _azurite.StartAsync();

        var run = await _server.WaitForRunAsync("wide", runId);
        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        var states = run.GetProperty("nodes").EnumerateArray()
            .ToDictionary(n => n.GetProperty("nodeId").GetString()!, n => n.GetProperty("state").GetString());
        Assert.Equal(Width + 1, states.Count);
        Assert.All(states, s => Assert.Equal("succeeded", s.Value));
        Assert.All(states.Keys, id => Assert.Equal(1, _counter.Calls(id)));
        Assert.InRange(calledDuringOutage, 2, Width);

        await PollAsync(async () =>
        {
            using var health = await _server.SendAsync(HttpMethod.Get, "/api/health", key: null);
            return health.StatusCode == HttpStatusCode.OK;
        }, "health did not answer 200 after storage came back");
    }

    private static Task PollAsync(Func<bool> condition, string because) => PollAsync(() => Task.FromResult(condition()), because);

    private static async Task PollAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, because);
            await Task.Delay(25);
        }
    }
}
