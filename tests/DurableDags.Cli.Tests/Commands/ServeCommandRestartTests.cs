using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DurableDags.Cli.Tests.Commands;

/// <summary>
/// The built <c>dags serve</c> as a real child process, killed while a run is mid-way: the next
/// <c>dags serve</c> on the same store resumes the run, and no node that succeeded runs again.
/// </summary>
public sealed partial class ServeCommandRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = ServeProcess.Deadline;

    private readonly TempFolder _root = new();
    private readonly ConcurrentQueue<(string Node, string? Key)> _calls = new();
    private readonly TaskCompletionSource _cCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication _endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _endpoint = builder.Build();
        _endpoint.MapPost("/calls/{node}", async (string node, HttpContext context) =>
        {
            _calls.Enqueue((node, context.Request.Headers["Idempotency-Key"].ToString()));
            if (node == "c")
            {
                _cCalled.TrySetResult();
                await _cReleased.Task.WaitAsync(context.RequestAborted);
            }

            return Results.Json(new { node });
        });
        await _endpoint.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _cReleased.TrySetResult();
        await _endpoint.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task A_serve_process_killed_while_a_node_runs_resumes_the_run_on_restart_without_running_succeeded_nodes_again()
    {
        var calls = _endpoint.Urls.Single() + "/calls";
        _root.Write("dags/steps.yaml", $$"""
            id: steps
            nodes:
              a: { type: http, with: { method: POST, url: "{{calls}}/a" } }
              b: { needs: [a], type: http, with: { method: POST, url: "{{calls}}/b" } }
              c: { needs: [b], type: http, with: { method: POST, url: "{{calls}}/c" } }
              d: { needs: [c], type: http, with: { method: POST, url: "{{calls}}/d" } }
            """);

        string runId;
        using (var first = await ServeProcess.StartAsync(_root.Path))
        {
            using var trigger = await first.Client.PostAsync("/api/dags/steps/runs", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
            runId = JsonDocument.Parse(await trigger.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!;
            await _cCalled.Task.WaitAsync(Deadline);
            await first.KillAsync();
        }

        using var second = await ServeProcess.StartAsync(_root.Path);
        _cReleased.SetResult();
        var run = await second.WaitForRunEndAsync($"/api/dags/steps/runs/{runId}");

        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        Assert.Equal((1, 1, 1), (CallsOf("a").Length, CallsOf("b").Length, CallsOf("d").Length));
        // The first call of c never got an answer, so the step ran again after the restart: at
        // least once, and every delivery carries the same key for the service to drop repeats.
        var c = CallsOf("c");
        Assert.True(c.Length >= 2, $"c was called {c.Length} times");
        Assert.All(c, key => Assert.Equal($"{runId}/c/1", key));
    }

    private string?[] CallsOf(string node) => [.. _calls.Where(call => call.Node == node).Select(call => call.Key)];
}
