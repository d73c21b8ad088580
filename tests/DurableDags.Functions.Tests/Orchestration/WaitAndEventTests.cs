using DurableDags.Core.States;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Functions.Tests.Hosting;
using DurableDags.Orchestration.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Functions.Tests.Orchestration;

/// <summary>Sensors and approvals on the real Durable Task worker: durable timers between polls, events raised with the client.</summary>
public sealed class WaitAndEventTests : IAsyncLifetime
{
    private DurableWorkerHost _host = null!;
    private LoopbackServer _server = null!;
    private int _polls;

    public async Task InitializeAsync()
    {
        _host = await DurableWorkerHost.StartAsync();
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/status", () => Results.Json(new { ready = Interlocked.Increment(ref _polls) >= 3 }));
            app.MapGet("/never", () => Results.Json(new { ready = false }));
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_sensor_polls_on_durable_timers_until_its_condition_holds()
    {
        await _host.PutDagAsync("sense", $$$"""
            id: sense
            nodes:
              ready: { type: sensor, with: { http: { url: "{{{_server.Url("/status")}}}" }, pollInterval: 200ms, condition: "${{ response.body.ready }}" } }
              after: { type: noop, needs: [ready] }
            """);
        await _host.StartRunAsync("sense");

        var result = await _host.WaitAsync("sense");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(3, Volatile.Read(ref _polls));
    }

    [Fact]
    public async Task An_approval_raised_with_the_client_releases_the_node_and_the_payload_is_its_output()
    {
        await _host.PutDagAsync("gate", """
            id: gate
            nodes:
              approve: { type: approval, with: { event: approve } }
              after: { type: noop, needs: [approve] }
            """);
        await _host.StartRunAsync("gate");
        await _host.UntilNodeAsync("gate", "approve", n => n.State == NodeState.Waiting);

        // Durable Task matches event names without regard to case; the embedded engine does too.
        var raised = await _host.WithClientAsync(l => l.RaiseEventAsync("gate", "r1", "Approve",
            System.Text.Json.JsonDocument.Parse("""{"by":"ops"}""").RootElement, DurableDags.Engine.Tests.Embedded.EngineHarness.Deadline()));
        var result = await _host.WaitAsync("gate");

        Assert.True(raised);
        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        var node = await _host.NodeAsync("gate", "approve");
        Assert.Equal("ops", node.Output!.Value.GetProperty("by").GetString());
    }

    [Fact]
    public async Task A_sensor_marked_failed_between_polls_ends_without_retry_and_its_downstream_is_upstream_failed()
    {
        await _host.PutDagAsync("stuck", $$$"""
            id: stuck
            nodes:
              ready: { type: sensor, retries: 2, with: { http: { url: "{{{_server.Url("/never")}}}" }, pollInterval: 1h, condition: "${{ response.body.ready }}" } }
              after: { type: noop, needs: [ready] }
            """);
        await _host.StartRunAsync("stuck");
        await _host.UntilNodeAsync("stuck", "ready", n => n.State == NodeState.Waiting);

        var at = DateTimeOffset.UtcNow;
        var marked = await _host.WithClientAsync(l => l.MarkWaitingNodeAsync("stuck", "r1",
            new NodeMarkEvent("ready", NodeState.Failed, "source is gone", "ops", at), DurableDags.Engine.Tests.Embedded.EngineHarness.Deadline()));
        var result = await _host.WaitAsync("stuck");

        Assert.True(marked);
        Assert.Equal(RunState.Failed, result.State);
        var ready = await _host.NodeAsync("stuck", "ready");
        Assert.Equal((NodeState.Failed, "marked failed by ops: source is gone", 1), (ready.State, ready.Error, ready.Attempts));
        Assert.Equal(("ops", "source is gone", at), (ready.Mark!.By, ready.Mark.Reason, ready.Mark.At));
        Assert.Equal(NodeState.UpstreamFailed, (await _host.NodeAsync("stuck", "after")).State);
    }
}
