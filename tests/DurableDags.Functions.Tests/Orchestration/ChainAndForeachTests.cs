using DurableDags.Core.States;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Functions.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Functions.Tests.Orchestration;

/// <summary>The app's orchestrator on the real Durable Task worker: plain DAGs, calling a local Kestrel service.</summary>
public sealed class ChainAndForeachTests : IAsyncLifetime
{
    private DurableWorkerHost _host = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _host = await DurableWorkerHost.StartAsync();
        _server = await LoopbackServer.StartAsync(app => app.MapGet("/item/{i}", (int i) => Results.Json(new { square = i * i })));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_chain_of_http_nodes_runs_in_order_and_passes_outputs_on()
    {
        await _host.PutDagAsync("chain", $$$"""
            id: chain
            nodes:
              a: { type: http, with: { url: "{{{_server.Url("/item/2")}}}" } }
              b: { type: http, needs: [a], with: { url: "{{{_server.Url("/item/")}}}${{ nodes.a.output.body.square }}" } }
              c: { type: noop, needs: [b] }
            """);
        await _host.StartRunAsync("chain");

        var result = await _host.WaitAsync("chain");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(["/item/2", "/item/4"], _server.Received.Select(r => r.Path));
        Assert.Equal(RunState.Succeeded, (await _host.RunAsync("chain")).State);
        Assert.Equal(NodeState.Succeeded, (await _host.NodeAsync("chain", "c")).State);
    }
}
