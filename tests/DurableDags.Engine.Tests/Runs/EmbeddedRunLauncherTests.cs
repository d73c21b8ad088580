using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Storage.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Runs;

public sealed class EmbeddedRunLauncherTests : IAsyncDisposable
{
    private readonly DagRunHarness _harness = new();
    private LoopbackServer? _server;

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_chain_of_http_nodes_runs_in_order_and_each_reads_its_upstream_output()
    {
        _server = await LoopbackServer.StartAsync(app =>
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

        Assert.Equal(RunState.Succeeded, result.State);
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
        _server = await LoopbackServer.StartAsync(app =>
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

        Assert.Equal(RunState.Succeeded, result.State);
        Assert.Equal(1, _server.CountOf("/a"));
        Assert.Equal(1, _server.CountOf("/b"));
        Assert.Equal(2, _server.CountOf("/c"));
        Assert.Equal(1, _server.CountOf("/d"));
        Assert.Single(_server.Received.Where(r => r.Path == "/c").Select(r => r.Header("Idempotency-Key")).Distinct());
    }
}
