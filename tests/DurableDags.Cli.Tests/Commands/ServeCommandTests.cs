using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DurableDags.Cli.Commands;

namespace DurableDags.Cli.Tests.Commands;

public sealed partial class ServeCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"dd-serve-{Guid.NewGuid():N}");

    public ServeCommandTests() => Directory.CreateDirectory(Path.Combine(_root, "dags"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Serve_loads_the_folder_serves_the_api_and_resumes_a_waiting_run_after_a_restart()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "dags", "gate.yaml"), """
            id: gate
            nodes:
              approve:
                type: approval
                with: { event: approve }
            """);
        await File.WriteAllTextAsync(Path.Combine(_root, "dags", "broken.yaml"), "id: broken\nnodes: {}\n");

        string runId;
        await using (var first = await Server.StartAsync(_root))
        {
            Assert.Contains("No API keys are configured", first.Output, StringComparison.Ordinal);
            Assert.Contains("loaded gate: version 1 (new)", first.Output, StringComparison.Ordinal);
            Assert.Contains("skipped " + Path.Combine(_root, "dags", "broken.yaml") + ":", first.Error, StringComparison.Ordinal);
            using var trigger = await first.Client.PostAsync("/api/dags/gate/runs", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
            runId = JsonDocument.Parse(await trigger.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!;
            await first.WaitForAsync($"/api/dags/gate/runs/{runId}", run => run.GetProperty("nodes")[0].GetProperty("state").GetString() == "waiting");
        }

        await using var second = await Server.StartAsync(_root);
        Assert.Contains("loaded gate: version 1 (unchanged)", second.Output, StringComparison.Ordinal);
        (await second.Client.PostAsync($"/api/dags/gate/runs/{runId}/events/approve", new StringContent("{}"))).Dispose();
        await second.WaitForAsync($"/api/dags/gate/runs/{runId}", run => run.GetProperty("state").GetString() == "succeeded");
    }

    [Fact]
    public async Task Serve_without_keys_refuses_to_listen_beyond_loopback_with_exit_code_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ServeCommand.RunAsync(
            new() { DagsFolder = null, StoreFolder = Path.Combine(_root, "store"), Urls = "http://0.0.0.0:0" }, output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("dags serve: No API key is configured", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Kestrel:Endpoints:E1:Url=http://0.0.0.0:0")]
    [InlineData("--Kestrel:Endpoints:E1:Url=http://[::]:0")]
    public async Task Serve_without_keys_checks_the_addresses_actually_bound_and_refuses_a_kestrel_endpoint_beyond_loopback(string endpoint)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        // A deadline only so that a server that does serve ends the test instead of hanging it.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var code = await ServeCommand.RunAsync(
            new() { DagsFolder = null, StoreFolder = Path.Combine(_root, "store"), ConfigurationArgs = [endpoint] }, output, error, deadline.Token);

        Assert.Equal(ExitCodes.Usage, code);
        var message = error.ToString();
        Assert.StartsWith("dags serve: No API key is configured", message, StringComparison.Ordinal);
        Assert.Contains("DurableDags:ApiKeys", message, StringComparison.Ordinal);
        Assert.Contains("Kestrel:Endpoints", message, StringComparison.Ordinal);
        Assert.DoesNotContain("loopback only, and every caller", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("serving the API", output.ToString(), StringComparison.Ordinal);

        // The port it was bound to is named, and nothing listens there any more.
        var port = int.Parse(BoundPort().Match(message).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(async () => await socket.ConnectAsync(IPAddress.Loopback, port));
    }

    [GeneratedRegex(@"bound to http://(?:0\.0\.0\.0|\[::\]):(\d+)")]
    private static partial Regex BoundPort();

    /// <summary>One <c>dags serve</c> in process, on a free port, stopped by cancelling it.</summary>
    private sealed partial class Server : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly SyncWriter _output = new();
        private readonly SyncWriter _error = new();
        private Task<int> _running = Task.FromResult(0);

        public HttpClient Client { get; private set; } = null!;

        public string Output => _output.ToString();

        public string Error => _error.ToString();

        public static async Task<Server> StartAsync(string root)
        {
            var server = new Server();
            var options = new Api.Hosting.ServerOptions
            {
                DagsFolder = Path.Combine(root, "dags"),
                StoreFolder = Path.Combine(root, "store"),
                Urls = "http://127.0.0.1:0",
            };
            server._running = ServeCommand.RunAsync(options, server._output, server._error, server._stop.Token);
            var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
            while (Serving().Match(server.Output) is not { Success: true } match)
            {
                Assert.False(server._running.IsCompleted, $"serve stopped: {server.Output}{server.Error}");
                Assert.True(DateTimeOffset.UtcNow < deadline, "serve did not start in time");
                await Task.Delay(20);
            }

            server.Client = new HttpClient { BaseAddress = new Uri(Serving().Match(server.Output).Groups[1].Value) };
            return server;
        }

        public async Task WaitForAsync(string path, Func<JsonElement, bool> condition)
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
            while (true)
            {
                var body = JsonDocument.Parse(await Client.GetStringAsync(path)).RootElement;
                if (condition(body))
                {
                    return;
                }

                Assert.True(DateTimeOffset.UtcNow < deadline, $"{path} did not get there in time: {body}");
                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            Assert.Equal(ExitCodes.Ok, await _running);
            Client.Dispose();
            _stop.Dispose();
        }

        [GeneratedRegex(@"serving the API on (http://127\.0\.0\.1:\d+)/api")]
        private static partial Regex Serving();
    }

    /// <summary>A writer the server writes to while the test reads it.</summary>
    private sealed class SyncWriter : StringWriter
    {
        public override void Write(char value)
        {
            lock (this)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (this)
            {
                base.Write(value);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            lock (this)
            {
                base.WriteLine(value);
            }

            return Task.CompletedTask;
        }

        public override string ToString()
        {
            lock (this)
            {
                return base.ToString();
            }
        }
    }
}
