using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DurableDags.Cli.Commands;

namespace DurableDags.Cli.Tests.Commands;

/// <summary>
/// What <c>./build.sh run</c> gives a first-time user (issue 15): <c>dags serve --demo</c> over a
/// copy of examples/dags, where every example runs green with nothing else installed, and a
/// second server on a taken port answers with one line.
/// </summary>
public sealed partial class ServeDemoTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Every_example_triggered_with_its_defaults_succeeds_against_the_demo_services()
    {
        var examples = Path.Join(ProgramTests.RepoRoot, "examples", "dags");
        foreach (var file in Directory.EnumerateFiles(examples))
        {
            File.Copy(file, _root.Write(Path.Join("dags", Path.GetFileName(file)), string.Empty), overwrite: true);
        }

        // Shorter demo jobs only: the DAGs, their params and poll intervals are the shipped ones.
        using var server = await ServeProcess.StartAsync(_root.Path, "--demo", "--DurableDags:Demo:JobSeconds=1", "--DurableDags:Demo:SensorSeconds=1");
        var demoUrl = DemoLine().Match(server.Output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException(server.Output);
        var dags = JsonDocument.Parse(await server.Client.GetStringAsync("/api/dags")).RootElement.GetProperty("dags")
            .EnumerateArray().Select(d => d.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["customer-reports", "finance-export", "ml-pipeline", "nightly-batch", "pricing-experiment"], dags);

        var runs = new Dictionary<string, string>();
        foreach (var dagId in dags)
        {
            using var trigger = await server.Client.PostAsync($"/api/dags/{dagId}/runs", new StringContent("{}", Encoding.UTF8, "application/json"));
            var body = await trigger.Content.ReadAsStringAsync();
            Assert.True(trigger.StatusCode == HttpStatusCode.Accepted, $"{dagId}: {(int)trigger.StatusCode} {body}");
            runs[dagId] = JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;
        }

        var ended = await WaitForAllAsync(server, runs);

        Assert.All(ended, pair => Assert.True(pair.Value.GetProperty("state").GetString() == "succeeded", $"{pair.Key}: {pair.Value}\n{server.Output}"));
        var inbox = JsonDocument.Parse(await server.Client.GetStringAsync($"{demoUrl}/inbox")).RootElement;
        var channels = inbox.EnumerateArray().Select(message => message.GetProperty("channel").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "slack", "teams", "finance", "experiments", "mail" }, channels);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_naming_another_port_and_a_non_zero_exit()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ServeCommand.RunAsync(
            new() { DagsFolder = null, StoreFolder = _root.At("store"), Urls = $"http://127.0.0.1:{port}", Demo = true }, output, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal(
            [$"port {port} is in use: stop the other server or run with --urls http://127.0.0.1:{port + 1} (./build.sh run --urls http://127.0.0.1:{port + 1})"],
            error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(string.Empty, output.ToString());
    }

    /// <summary>Polls every run until all have ended, approving the ml-pipeline's approval when it waits.</summary>
    private static async Task<Dictionary<string, JsonElement>> WaitForAllAsync(ServeProcess server, Dictionary<string, string> runs)
    {
        var ended = new Dictionary<string, JsonElement>();
        var approved = false;
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (ended.Count < runs.Count)
        {
            foreach (var (dagId, runId) in runs.Where(r => !ended.ContainsKey(r.Key)))
            {
                var path = $"/api/dags/{dagId}/runs/{runId}";
                var run = JsonDocument.Parse(await server.Client.GetStringAsync(path)).RootElement.Clone();
                if (run.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled")
                {
                    ended[dagId] = run;
                }
                else if (!approved && run.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("nodeId").GetString() == "approve" && n.GetProperty("state").GetString() == "waiting"))
                {
                    // As a person would in the UI or with dags approve; an empty payload approves.
                    using var approve = await server.Client.PostAsync($"{path}/events/deploy-churn-model", new StringContent("{}", Encoding.UTF8, "application/json"));
                    Assert.True(approve.IsSuccessStatusCode, await approve.Content.ReadAsStringAsync());
                    approved = true;
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"runs did not end in time: {string.Join(", ", runs.Keys.Except(ended.Keys))}\n{server.Output}");
            await Task.Delay(200);
        }

        return ended;
    }

    [GeneratedRegex(@"demo services for the examples on (http://127\.0\.0\.1:\d+/demo)")]
    private static partial Regex DemoLine();
}
