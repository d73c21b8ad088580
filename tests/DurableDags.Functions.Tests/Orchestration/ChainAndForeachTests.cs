using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Functions.Tests.Hosting;
using DurableDags.Storage.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Functions.Tests.Orchestration;

/// <summary>The app's orchestrator on the real Durable Task worker: plain DAGs, calling a local Kestrel service.</summary>
public sealed class ChainAndForeachTests : IAsyncLifetime
{
    private DurableWorkerHost _host = null!;
    private LoopbackServer _server = null!;
    private int _flakyCalls;

    public async Task InitializeAsync()
    {
        _host = await DurableWorkerHost.StartAsync();
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/item/{i}", (int i) => Results.Json(new { square = i * i }));
            app.MapGet("/items", () => Results.Json(Enumerable.Range(0, 50)));
            app.MapPost("/each", async (HttpRequest r) => Results.Text(await new StreamReader(r.Body).ReadToEndAsync(), "application/json"));
            app.MapGet("/flaky", () => Interlocked.Increment(ref _flakyCalls) <= 2 ? Results.StatusCode(503) : Results.Json(new { ok = true }));
        });
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

    [Fact]
    public async Task Foreach_of_50_items_runs_every_item_and_downstream_sees_their_outputs_in_order()
    {
        await _host.PutDagAsync("fan", $$$"""
            id: fan
            maxParallelNodes: 8
            nodes:
              list: { type: http, with: { url: "{{{_server.Url("/items")}}}" } }
              each:
                needs: [list]
                foreach: "${{ nodes.list.output.body }}"
                type: http
                with: { method: POST, url: "{{{_server.Url("/each")}}}", body: { item: "${{ item }}", index: "${{ index }}" } }
              total:
                needs: [each]
                type: http
                with: { method: POST, url: "{{{_server.Url("/each")}}}", body: { count: "${{ length(nodes.each.outputs) }}", last: "${{ nodes.each.outputs[49].body.item }}" } }
            """);
        await _host.StartRunAsync("fan");

        var result = await _host.WaitAsync("fan");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(51, _server.CountOf("/each"));
        Assert.Contains(_server.Received, r => r.Body == """{"count":50,"last":49}""");
        var each = await _host.NodeAsync("fan", "each");
        Assert.Equal((NodeState.Succeeded, 50), (each.State, each.MapCount));
    }

    [Fact]
    public async Task A_flaky_node_is_retried_with_exponential_backoff_on_durable_timers()
    {
        await _host.PutDagAsync("flaky", $$$"""
            id: flaky
            nodes:
              f:
                type: http
                retries: 3
                retryDelay: 500ms
                retryBackoff: exponential
                with: { url: "{{{_server.Url("/flaky")}}}" }
            """);
        await _host.StartRunAsync("flaky");

        var result = await _host.WaitAsync("flaky");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        var attempts = (await _host.Store.ListAttemptsAsync("flaky", "r1", new NodeInstance("f"), EngineHarness.Deadline())).OrderBy(a => a.Attempt).ToList();
        Assert.Equal([NodeState.Failed, NodeState.Failed, NodeState.Succeeded], attempts.Select(a => a.State));
        // The second wait doubles the first; both are durable timers, so each is at least its delay.
        Assert.InRange((attempts[1].StartedAt - attempts[0].StartedAt).TotalMilliseconds, 500, 5_000);
        Assert.InRange((attempts[2].StartedAt - attempts[1].StartedAt).TotalMilliseconds, 1_000, 10_000);
    }
}
