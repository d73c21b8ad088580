using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Storage.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Runs;

public sealed class EmbeddedRunLauncherTests : IAsyncLifetime
{
    private readonly DagRunHarness _harness = new();
    private LoopbackServer _server = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_chain_of_http_nodes_runs_in_order_and_each_reads_its_upstream_output()
    {
        _server = await _harness.ServeAsync(app =>
        {
            app.MapGet("/a", () => Results.Json(new { next = "b-value" }));
            app.MapPost("/b", async (HttpRequest r) => Results.Text(await new StreamReader(r.Body).ReadToEndAsync()));
        });
        await _harness.StartAsync();
        await _harness.PutDagAsync("chain", $$$"""
            id: chain
            nodes:
              a:
                type: http
                with: { url: "{{{_server.Url("/a")}}}" }
              b:
                needs: [a]
                type: http
                with:
                  method: POST
                  url: "{{{_server.Url("/b")}}}"
                  body: { got: "${{ nodes.a.output.body.next }}" }
            """);

        await _harness.StartRunAsync("chain");
        var result = await _harness.WaitAsync("chain");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(RunState.Succeeded, (await _harness.RunAsync("chain")).State);
        Assert.Contains("b-value", _server.Received.Single(r => r.Path == "/b").Body, StringComparison.Ordinal);
        var b = await _harness.Store.GetNodeAsync("chain", "r1", new NodeInstance("b"), EngineHarness.Deadline());
        Assert.Equal(NodeState.Succeeded, b!.Value.State);
        Assert.Equal(1, b.Value.Attempts);
        Assert.Equal(200, b.Value.Output!.Value.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_run_whose_engine_stopped_mid_way_resumes_and_no_succeeded_node_runs_again()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server = await _harness.ServeAsync(app =>
        {
            app.MapPost("/{name}", async (string name, HttpContext context) =>
            {
                if (name == "c" && !release.Task.IsCompleted)
                {
                    hold.TrySetResult();
                    await release.Task.WaitAsync(context.RequestAborted);
                }

                return Results.Json(new { name });
            });
        });
        await _harness.StartAsync();
        await _harness.PutDagAsync("steps", $$$"""
            id: steps
            nodes:
              a: { type: http, with: { method: POST, url: "{{{_server.Url("/a")}}}" } }
              b: { needs: [a], type: http, with: { method: POST, url: "{{{_server.Url("/b")}}}" } }
              c: { needs: [b], type: http, with: { method: POST, url: "{{{_server.Url("/c")}}}" } }
              d: { needs: [c], type: http, with: { method: POST, url: "{{{_server.Url("/d")}}}" } }
            """);
        await _harness.StartRunAsync("steps");
        await hold.Task.WaitAsync(EngineHarness.Deadline());

        await _harness.StopAsync();
        release.SetResult();
        await _harness.StartAsync();
        var result = await _harness.WaitAsync("steps");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(1, _server.CountOf("/a"));
        Assert.Equal(1, _server.CountOf("/b"));
        Assert.Equal(2, _server.CountOf("/c"));
        Assert.Equal(1, _server.CountOf("/d"));
        Assert.Equal(["r1/c/1", "r1/c/1"], _server.Received.Where(r => r.Path == "/c").Select(r => r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task A_flaky_node_is_retried_with_exponential_backoff_on_durable_timers_and_succeeds_on_its_third_attempt()
    {
        var calls = 0;
        _server = await _harness.ServeAsync(app =>
            app.MapGet("/flaky", () => Interlocked.Increment(ref calls) <= 2 ? Results.StatusCode(503) : Results.Json(new { ok = true })));
        await _harness.StartAsync();
        await _harness.PutDagAsync("flaky", $$$"""
            id: flaky
            nodes:
              f:
                type: http
                retries: 3
                retryDelay: 10s
                retryBackoff: exponential
                with: { url: "{{{_server.Url("/flaky")}}}" }
            """);
        var t0 = _harness.Time.GetUtcNow();
        await _harness.StartRunAsync("flaky");

        await _harness.UntilNodeAsync("flaky", "f", n => n is { State: NodeState.UpForRetry, Attempts: 1 });
        _harness.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, Volatile.Read(ref calls));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.UntilNodeAsync("flaky", "f", n => n is { State: NodeState.UpForRetry, Attempts: 2 });
        _harness.Time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(2, Volatile.Read(ref calls));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        var result = await _harness.WaitAsync("flaky");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        var attempts = await _harness.Store.ListAttemptsAsync("flaky", "r1", new NodeInstance("f"), EngineHarness.Deadline());
        Assert.Equal([t0, t0.AddSeconds(10), t0.AddSeconds(30)], attempts.OrderBy(a => a.Attempt).Select(a => a.StartedAt));
        Assert.Equal([NodeState.Failed, NodeState.Failed, NodeState.Succeeded], attempts.OrderBy(a => a.Attempt).Select(a => a.State));
    }

    [Fact]
    public async Task A_launch_that_names_an_older_version_pins_the_run_to_it_and_runs_its_nodes()
    {
        await _harness.StartAsync();
        var one = await _harness.Store.PutDagAsync("versions", "id: versions\nnodes:\n  old: { type: noop }\n", "versions.yaml", EngineHarness.Deadline());
        await _harness.PutDagAsync("versions", "id: versions\nnodes:\n  new: { type: noop }\n");

        await _harness.Launcher.StartRunAsync(new RunLaunch { DagId = "versions", RunId = "r1", DagHash = one.Version.Hash }, EngineHarness.Deadline());
        var result = await _harness.WaitAsync("versions");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        var run = await _harness.RunAsync("versions");
        Assert.Equal((1, one.Version.Hash), (run.DagVersion, run.DagHash));
        Assert.Equal(["old"], (await _harness.Store.ListNodesAsync("versions", "r1", EngineHarness.Deadline())).Select(n => n.NodeId));
    }

    [Fact]
    public async Task A_launch_that_names_an_unknown_version_starts_nothing()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("versions", "id: versions\nnodes:\n  a: { type: noop }\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _harness.Launcher.StartRunAsync(new RunLaunch { DagId = "versions", RunId = "r1", DagHash = new string('0', 64) }, EngineHarness.Deadline()));

        Assert.Equal($"DAG 'versions' has no version {new string('0', 64)}.", error.Message);
        Assert.Null(await _harness.Store.GetRunAsync("versions", "r1", EngineHarness.Deadline()));
    }

    [Fact]
    public async Task A_404_is_not_retried_while_a_503_uses_every_retry()
    {
        _server = await _harness.ServeAsync(app =>
        {
            app.MapGet("/missing", () => Results.NotFound());
            app.MapGet("/busy", () => Results.StatusCode(503));
        });
        await _harness.StartAsync();
        await _harness.PutDagAsync("statuses", $$$"""
            id: statuses
            defaults: { retries: 2, retryDelay: 1s }
            nodes:
              missing: { type: http, with: { url: "{{{_server.Url("/missing")}}}" } }
              busy: { type: http, with: { url: "{{{_server.Url("/busy")}}}" } }
            """);

        await _harness.StartRunAsync("statuses");
        await _harness.UntilNodeAsync("statuses", "missing", n => n.State == NodeState.Failed);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var seen = attempt;
            await _harness.UntilNodeAsync("statuses", "busy", n => n.State == NodeState.UpForRetry && n.Attempts == seen);
            _harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await _harness.WaitAsync("statuses");

        Assert.Equal(RunState.Failed, result.State);
        Assert.Equal((1, 3), (_server.CountOf("/missing"), _server.CountOf("/busy")));
        var missing = await _harness.Store.GetNodeAsync("statuses", "r1", new NodeInstance("missing"), EngineHarness.Deadline());
        Assert.Equal((NodeState.Failed, 1), (missing!.Value.State, missing.Value.Attempts));
        var busy = await _harness.Store.GetNodeAsync("statuses", "r1", new NodeInstance("busy"), EngineHarness.Deadline());
        Assert.Equal((NodeState.Failed, 3), (busy!.Value.State, busy.Value.Attempts));
    }

    [Fact]
    public async Task Foreach_over_100_items_with_if_runs_the_items_that_pass_and_downstream_sees_their_outputs_in_order()
    {
        _server = await _harness.ServeAsync(app =>
        {
            app.MapGet("/items", () => Results.Json(Enumerable.Range(0, 100).Select(i => new { id = i, even = i % 2 == 0 })));
            app.MapPost("/each", async (HttpRequest r) => Results.Text(await new StreamReader(r.Body).ReadToEndAsync(), "application/json"));
            app.MapPost("/total", () => Results.Ok());
        });
        await _harness.StartAsync();
        await _harness.PutDagAsync("fan", $$$"""
            id: fan
            maxParallelNodes: 8
            nodes:
              list: { type: http, with: { url: "{{{_server.Url("/items")}}}" } }
              each:
                needs: [list]
                foreach: "${{ nodes.list.output.body }}"
                if: "${{ item.even }}"
                type: http
                with: { method: POST, url: "{{{_server.Url("/each")}}}", body: { id: "${{ item.id }}", index: "${{ index }}" } }
              total:
                needs: [each]
                type: http
                with: { method: POST, url: "{{{_server.Url("/total")}}}", body: { count: "${{ length(nodes.each.outputs) }}", first: "${{ nodes.each.outputs[1].body.id }}" } }
            """);

        await _harness.StartRunAsync("fan");
        var result = await _harness.WaitAsync("fan");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(50, _server.CountOf("/each"));
        Assert.Equal("""{"count":50,"first":2}""", _server.Received.Single(r => r.Path == "/total").Body);
        var each = await _harness.Store.GetNodeAsync("fan", "r1", new NodeInstance("each"), EngineHarness.Deadline());
        Assert.Equal((NodeState.Succeeded, 100), (each!.Value.State, each.Value.MapCount));
        Assert.Equal("""{"id":3,"even":false}""", each.Value.Items![3]);
        var odd = await _harness.Store.GetNodeAsync("fan", "r1", new NodeInstance("each", 3), EngineHarness.Deadline());
        Assert.Equal(NodeState.Skipped, odd!.Value.State);
    }
}
