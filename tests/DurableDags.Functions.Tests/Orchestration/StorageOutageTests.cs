using System.Text.Json;
using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Functions.Runs;
using DurableDags.Functions.Tests.Hosting;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace DurableDags.Functions.Tests.Orchestration;

/// <summary>
/// A storage outage on the real Durable Task worker: activities that start while the store is down
/// are called again on durable timers until it is back, and no node fails or runs twice.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private DurableWorkerHost _host = null!;
    private OutageObjectStore _store = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _host = await DurableWorkerHost.StartAsync(decorate: inner => _store = new OutageObjectStore(inner));
        _server = await LoopbackServer.StartAsync(app => app.MapGet("/step/{name}", (string name) => Results.Json(new { name })));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Activities_started_while_the_store_is_down_wait_for_it_and_the_run_succeeds_with_each_call_made_once()
    {
        await _host.PutDagAsync("outage", $$$"""
            id: outage
            nodes:
              before: { type: http, with: { url: "{{{_server.Url("/step/before")}}}" } }
              approve: { type: approval, needs: [before], with: { event: approve } }
              fan:
                needs: [approve]
                foreach: "${{ [1, 2, 3] }}"
                type: http
                with: { url: "{{{_server.Url("/step/fan")}}}${{ item }}" }
              after: { type: http, needs: [fan], with: { url: "{{{_server.Url("/step/after")}}}" } }
            """);
        await _host.StartRunAsync("outage");
        await _host.UntilNodeAsync("outage", "approve", n => n.State == NodeState.Waiting);

        // The event goes straight to the orchestration (the launcher would need the store): the
        // approval's next step, and everything after it, starts while the store is down.
        _store.Down = true;
        var instanceId = DagActivityNames.InstanceIdOf("outage", "r1");
        Assert.True(await new DurableTaskRunOrchestrations(_host.Client).RaiseEventAsync(instanceId, "approve",
            JsonDocument.Parse("""{"by":"ops"}""").RootElement, EngineHarness.Deadline()));
        // Three refused attempts take two durable timers (1 s, then 2 s): the outage outlasts a retry or two.
        await EngineHarness.UntilAsync(() => Task.FromResult(_store.Refused >= 3));
        var during = await _host.Client.GetInstanceAsync(instanceId, EngineHarness.Deadline());
        _store.Down = false;

        var result = await _host.WaitAsync("outage");

        Assert.Equal(OrchestrationRuntimeStatus.Running, during!.RuntimeStatus);
        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        foreach (var node in new[] { "before", "approve", "fan", "after" })
        {
            var record = await _host.NodeAsync("outage", node);
            Assert.Equal((node, NodeState.Succeeded), (node, record.State));
        }

        var attempts = await _host.Store.ListAttemptsAsync("outage", "r1", new NodeInstance("approve"), EngineHarness.Deadline());
        Assert.Equal([(1, NodeState.Succeeded, (string?)null)], attempts.Select(a => (a.Attempt, a.State, a.Error)));
        Assert.Equal("ops", (await _host.NodeAsync("outage", "approve")).Output!.Value.GetProperty("by").GetString());
        Assert.Equal(["/step/after", "/step/before", "/step/fan1", "/step/fan2", "/step/fan3"], _server.Received.Select(r => r.Path).Order());
    }
}
