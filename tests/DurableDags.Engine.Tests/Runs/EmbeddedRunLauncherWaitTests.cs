using System.Text.Json;
using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Runs;

/// <summary>Runs whose nodes wait durably: sensors, approvals, child runs.</summary>
public sealed class EmbeddedRunLauncherWaitTests : IAsyncLifetime
{
    private readonly DagRunHarness _harness = new();
    private LoopbackServer _server = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Cancelling_a_run_while_its_sensor_waits_ends_the_sensor_and_its_downstream_cancelled()
    {
        _server = await _harness.ServeAsync(app => app.MapGet("/status", () => Results.Json(new { ready = false })));
        await _harness.StartAsync();
        await _harness.PutDagAsync("watch", $$$"""
            id: watch
            nodes:
              ready:
                type: sensor
                with: { http: { url: "{{{_server.Url("/status")}}}" }, pollInterval: 1m, condition: "${{ response.body.ready }}" }
              after: { needs: [ready], type: noop }
            """);
        await _harness.StartRunAsync("watch");
        await _harness.UntilNodeAsync("watch", "ready", n => n.State == NodeState.Waiting);

        Assert.True(await _harness.Launcher.CancelRunAsync("watch", "r1", EngineHarness.Deadline()));
        var result = await _harness.WaitAsync("watch");

        Assert.Equal(RunState.Cancelled, result.State);
        Assert.Equal(RunState.Cancelled, (await _harness.RunAsync("watch")).State);
        await _harness.UntilNodeAsync("watch", "ready", n => n.State == NodeState.Cancelled);
        await _harness.UntilNodeAsync("watch", "after", n => n.State == NodeState.Cancelled);
        _harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, _server.CountOf("/status"));
        var attempt = Assert.Single(await _harness.Store.ListAttemptsAsync("watch", "r1", new NodeInstance("ready"), EngineHarness.Deadline()));
        Assert.Equal(NodeState.Cancelled, attempt.State);
    }

    [Fact]
    public async Task A_sensor_polls_on_durable_timers_until_its_condition_holds()
    {
        var polls = 0;
        _server = await _harness.ServeAsync(app =>
            app.MapGet("/status", () => Results.Json(new { ready = Interlocked.Increment(ref polls) >= 3 })));
        await _harness.StartAsync();
        await _harness.PutDagAsync("poll", $$$"""
            id: poll
            nodes:
              ready:
                type: sensor
                with: { http: { url: "{{{_server.Url("/status")}}}" }, pollInterval: 5m, condition: "${{ response.body.ready }}" }
            """);
        await _harness.StartRunAsync("poll");
        for (var poll = 1; poll <= 2; poll++)
        {
            var seen = poll;
            await EngineHarness.UntilAsync(() => Task.FromResult(Volatile.Read(ref polls) == seen));
            await _harness.UntilNodeAsync("poll", "ready", n => n.State == NodeState.Waiting);
            _harness.Time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(RunState.Succeeded, (await _harness.WaitAsync("poll")).State);
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task An_approval_is_released_by_its_event_and_hands_the_payload_downstream()
    {
        _server = await _harness.ServeAsync(app => app.MapPost("/ship", () => Results.Ok()));
        await _harness.StartAsync();
        await _harness.PutDagAsync("release", $$$"""
            id: release
            nodes:
              gate: { type: approval, with: { event: approve, timeout: 1d } }
              ship:
                needs: [gate]
                type: http
                with: { method: POST, url: "{{{_server.Url("/ship")}}}", body: { approval: "${{ nodes.gate.output }}" } }
            """);
        await _harness.StartRunAsync("release");
        await _harness.UntilNodeAsync("release", "gate", n => n.State == NodeState.Waiting);
        Assert.Equal(0, _server.CountOf("/ship"));

        var payload = JsonSerializer.SerializeToElement(new { by = "ana" });
        Assert.True(await _harness.Launcher.RaiseEventAsync("release", "r1", "approve", payload, EngineHarness.Deadline()));
        var result = await _harness.WaitAsync("release");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Contains("ana", _server.Received.Single(r => r.Path == "/ship").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dag_node_runs_its_child_dag_as_a_child_run_and_waits_for_it()
    {
        _server = await _harness.ServeAsync(app =>
        {
            app.MapPost("/child", () => Results.Ok());
            app.MapPost("/after", () => Results.Ok());
        });
        await _harness.StartAsync();
        await _harness.PutDagAsync("child", $$$"""
            id: child
            params: { n: { type: number, default: 1 } }
            nodes:
              work: { type: http, with: { method: POST, url: "{{{_server.Url("/child")}}}", body: { n: "${{ params.n }}" } } }
            """);
        await _harness.PutDagAsync("parent", $$$"""
            id: parent
            nodes:
              sub: { type: dag, with: { dagId: child, params: { n: 7 } } }
              after:
                needs: [sub]
                type: http
                with: { method: POST, url: "{{{_server.Url("/after")}}}", body: { child: "${{ nodes.sub.output.runId }}" } }
            """);

        await _harness.StartRunAsync("parent");
        var result = await _harness.WaitAsync("parent");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal("""{"n":7}""", _server.Received.Single(r => r.Path == "/child").Body);
        Assert.Equal("""{"child":"r1-sub-a1"}""", _server.Received.Single(r => r.Path == "/after").Body);
        var child = await _harness.RunAsync("child", "r1-sub-a1");
        Assert.Equal((RunState.Succeeded, TriggerKind.Child, "r1"), (child.State, child.Trigger.Kind, child.Trigger.ParentRunId));
    }

    [Fact]
    public async Task A_dag_node_that_does_not_wait_succeeds_at_once_and_its_child_run_goes_on_by_itself()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("child", """
            id: child
            nodes:
              gate: { type: approval, with: { event: go } }
            """);
        await _harness.PutDagAsync("fire", """
            id: fire
            nodes:
              sub: { type: dag, with: { dagId: child, wait: false } }
            """);

        await _harness.StartRunAsync("fire");
        var result = await _harness.WaitAsync("fire");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(RunState.Running, (await _harness.RunAsync("child", "r1-sub-a1")).State);
        await _harness.Launcher.RaiseEventAsync("child", "r1-sub-a1", "go", null, EngineHarness.Deadline());
        Assert.Equal(RunState.Succeeded, (await _harness.WaitAsync("child", "r1-sub-a1")).State);
    }

    [Fact]
    public async Task A_node_that_outlives_its_timeout_fails_when_its_durable_timer_fires()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("slow", """
            id: slow
            nodes:
              gate: { type: approval, timeout: 10m, with: { event: approve } }
              after: { needs: [gate], type: noop }
            """);
        await _harness.StartRunAsync("slow");
        await _harness.UntilNodeAsync("slow", "gate", n => n.State == NodeState.Waiting);

        _harness.Time.Advance(TimeSpan.FromMinutes(10));
        var result = await _harness.WaitAsync("slow");

        Assert.Equal(RunState.Failed, result.State);
        await _harness.UntilNodeAsync("slow", "gate", n => n is { State: NodeState.Failed, Error: "attempt 1 timed out after 00:10:00" });
        await _harness.UntilNodeAsync("slow", "after", n => n.State == NodeState.UpstreamFailed);
    }
}
