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
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

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

    /// <summary>One <c>dags serve</c> child process on a free port, over the test's folders.</summary>
    private sealed partial class ServeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        private ServeProcess(Process process)
        {
            _process = process;
        }

        public HttpClient Client { get; private set; } = null!;

        public static async Task<ServeProcess> StartAsync(string root)
        {
            var executable = Path.Join(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "dags.exe" : "dags");
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = root,
            };
            foreach (var arg in new[] { "serve", "--dags", Path.Join(root, "dags"), "--store", Path.Join(root, "store"), "--urls", "http://127.0.0.1:0" })
            {
                start.ArgumentList.Add(arg);
            }

            var server = new ServeProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}"));
            server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
            server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            var deadline = DateTimeOffset.UtcNow + Deadline;
            Match? serving;
            while ((serving = server._lines.Select(line => Serving().Match(line)).FirstOrDefault(m => m.Success)) is null)
            {
                Assert.False(server._process.HasExited, $"dags serve exited with {(server._process.HasExited ? server._process.ExitCode : 0)}: {server.Output}");
                Assert.True(DateTimeOffset.UtcNow < deadline, $"dags serve did not start in time: {server.Output}");
                await Task.Delay(25);
            }

            server.Client = new HttpClient { BaseAddress = new Uri(serving.Groups[1].Value) };
            return server;
        }

        private string Output => string.Join('\n', _lines);

        /// <summary>Polls the run until it has ended, within the deadline.</summary>
        public async Task<JsonElement> WaitForRunEndAsync(string path)
        {
            var deadline = DateTimeOffset.UtcNow + Deadline;
            while (true)
            {
                var run = JsonDocument.Parse(await Client.GetStringAsync(path)).RootElement.Clone();
                if (run.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled")
                {
                    return run;
                }

                Assert.True(DateTimeOffset.UtcNow < deadline, $"the run did not end in time: {run}\n{Output}");
                await Task.Delay(25);
            }
        }

        /// <summary>Kills the process and its children at once, as a crash would.</summary>
        public async Task KillAsync()
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(Deadline);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            Client?.Dispose();
            _process.Dispose();
        }

        private void Keep(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
            }
        }

        [GeneratedRegex(@"serving the API on (http://127\.0\.0\.1:\d+)/api")]
        private static partial Regex Serving();
    }
}
