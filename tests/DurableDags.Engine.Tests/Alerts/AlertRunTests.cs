using DurableDags.Core.Alerts;
using DurableDags.Core.States;
using DurableDags.Engine.Alerts;
using DurableDags.Orchestration.Contracts;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Engine.Tests.Runs;
using DurableDags.Storage.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Alerts;

/// <summary>
/// Alerts of real runs on the embedded engine, delivered to a real Kestrel receiver that stands
/// in for Slack, Teams and a generic webhook.
/// </summary>
public sealed class AlertRunTests : IAsyncLifetime
{
    private static readonly DateTimeOffset LogicalDate = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly string[] Channels = ["slack", "teams", "webhook"];

    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DagRunHarness _harness = null!;
    private LoopbackServer _server = null!;
    private int _toggle;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app =>
        {
            foreach (var path in (string[])["/slack", "/teams", "/hook"])
            {
                app.MapPost(path, () => Results.Ok());
            }

            app.MapGet("/fail", () => Results.Text($"boom {DagRunHarness.Secret}", statusCode: 500));
            app.MapGet("/toggle", () => Interlocked.Increment(ref _toggle) == 1 ? Results.StatusCode(500) : Results.Ok());
            app.MapPost("/down", async () =>
            {
                await _release.Task;
                return Results.StatusCode(503);
            });
        });
        _harness = new DagRunHarness
        {
            Settings = new Dictionary<string, string?>
            {
                ["DurableDags:Secrets:SLACK_WEBHOOK_URL"] = _server.Url("/slack"),
                ["DurableDags:Secrets:TEAMS_WEBHOOK_URL"] = _server.Url("/teams"),
                ["DurableDags:Secrets:NOTIFY_WEBHOOK_URL"] = _server.Url("/hook"),
                ["DurableDags:Secrets:DOWN_HOOK"] = _server.Url("/down"),
                ["DurableDags:PublicUrl"] = "https://dags.example.org/",
                ["DurableDags:Alerts:RetryDelay"] = "00:00:00",
            },
        };
        await _harness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _harness.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_retry_a_failed_node_and_a_failed_run_reach_every_channel_with_every_field()
    {
        await _harness.PutDagAsync("alerting", $$$"""
            id: alerting
            params: { region: { type: string, default: eu }, token: { type: string, default: "" } }
            alerts:
              onRetry: [slack, teams, webhook]
              onNodeFailed: [slack, teams, webhook]
              onRunFailed: [slack, teams, webhook]
            nodes:
              flaky: { type: http, retries: 1, retryDelay: 10s, with: { url: "{{{_server.Url("/fail")}}}" } }
              quiet: { type: http, alerts: false, with: { url: "{{{_server.Url("/fail")}}}" } }
            """);

        var parameters = System.Text.Json.JsonSerializer.SerializeToElement(new { region = "eu", token = DagRunHarness.Secret });
        await _harness.StartRunAsync("alerting", logicalDate: LogicalDate, parameters: parameters);
        await _harness.UntilNodeAsync("alerting", "flaky", n => n.State == NodeState.UpForRetry);
        var retryAt = _harness.Time.GetUtcNow() + TimeSpan.FromSeconds(10);
        await UntilPostsAsync(3);
        _harness.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(RunState.Failed, (await _harness.WaitAsync("alerting")).State);

        var posts = Posts();
        Assert.Equal(9, posts.Count);
        foreach (var channel in Channels)
        {
            var mine = posts.Where(p => p.Channel == channel).ToDictionary(p => p.Title);
            Assert.Equal(["alerting: node flaky failed", "alerting: node flaky will retry", "alerting: run failed"], mine.Keys.Order(StringComparer.Ordinal));
            foreach (var post in mine.Values)
            {
                Assert.Equal("alerting", post.Facts["DAG"]);
                Assert.Equal("r1", post.Facts["Run"]);
                Assert.Equal("2026-03-01T06:00:00Z", post.Facts["Logical date"]);
                Assert.Equal("""{"region":"eu","token":"***"}""", post.Facts["Params"]);
                Assert.Contains("answered 500", post.Facts["Reason"], StringComparison.Ordinal);
                Assert.Contains("boom ***", post.Facts["Reason"], StringComparison.Ordinal);
                Assert.Contains("/fail", post.Log, StringComparison.Ordinal);
                Assert.DoesNotContain(DagRunHarness.Secret, post.Text + post.Log + string.Concat(post.Facts.Values), StringComparison.Ordinal);
            }

            var (retry, failed, run) = (mine["alerting: node flaky will retry"], mine["alerting: node flaky failed"], mine["alerting: run failed"]);
            Assert.Equal(("flaky", "1", retryAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)),
                (retry.Facts["Failed node"], retry.Facts["Attempts"], retry.Facts["Next retry"]));
            Assert.Equal("https://dags.example.org/dags/alerting/runs/r1?node=flaky", retry.Link);
            Assert.StartsWith("r1:flaky:1:onRetry#", retry.Key, StringComparison.Ordinal);
            Assert.Equal(("flaky", "2", false), (failed.Facts["Failed node"], failed.Facts["Attempts"], failed.Facts.ContainsKey("Next retry")));
            Assert.StartsWith("r1:flaky:2:onNodeFailed#", failed.Key, StringComparison.Ordinal);
            Assert.Equal("flaky, quiet", run.Facts["Failed nodes"]);
            Assert.StartsWith("quiet: ", run.Facts["Reason"], StringComparison.Ordinal);
            Assert.Equal("https://dags.example.org/dags/alerting/runs/r1", run.Link);
            Assert.StartsWith("r1:-:0:onRunFailed#", run.Key, StringComparison.Ordinal);
        }

        Assert.Equal(["onNodeFailed", "onRetry", "onRunFailed"], posts.Where(p => p.Channel == "webhook").Select(p => p.Kind).Order(StringComparer.Ordinal));
        var records = await Records("alerting");
        Assert.Equal(9, records.Count);
        Assert.All(records, r => Assert.Equal((AlertDeliveryState.Sent, 1, 200), (r.State, r.Tries, r.Status)));
        Assert.Equal(["slack secrets.SLACK_WEBHOOK_URL", "teams secrets.TEAMS_WEBHOOK_URL", "webhook secrets.NOTIFY_WEBHOOK_URL"],
            records.Where(r => r.Kind == "onRetry").OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Target));
    }

    [Fact]
    public async Task A_success_alerts_every_time_and_a_recovery_only_after_a_failed_run()
    {
        await _harness.PutDagAsync("recovering", $$$"""
            id: recovering
            alerts:
              onSuccess: webhook
              onRecovery: [slack, teams]
            nodes:
              call: { type: http, with: { url: "{{{_server.Url("/toggle")}}}" } }
            """);

        foreach (var run in (string[])["r1", "r2", "r3"])
        {
            await _harness.StartRunAsync("recovering", run);
            await _harness.WaitAsync("recovering", run);
            _harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var posts = Posts();
        Assert.Equal(
            ["slack recovering: run recovered r2", "teams recovering: run recovered r2", "webhook recovering: run succeeded r2", "webhook recovering: run succeeded r3"],
            posts.Select(p => $"{p.Channel} {p.Title} {p.Facts["Run"]}").Order(StringComparer.Ordinal));
        var recovered = posts.First(p => p.Channel == "slack");
        Assert.Equal("The run r2 of DAG recovering succeeded after the run before it, r1, failed.", recovered.Text);
        Assert.Equal("{}", recovered.Facts["Params"]);
    }

    [Fact]
    public async Task A_receiver_that_hangs_then_fails_neither_delays_nor_changes_the_run_and_its_failure_is_recorded()
    {
        await _harness.PutDagAsync("down", """
            id: down
            alerts:
              onNodeFailed: { channel: webhook, secret: DOWN_HOOK }
              onRunFailed: { channel: webhook, secret: DOWN_HOOK }
            nodes:
              fails: { type: http, with: { url: "http://127.0.0.1:1/" } }
              after: { type: noop, needs: fails, trigger: all_done }
            """);

        await _harness.StartRunAsync("down");

        // The receiver holds the node's alert: the run still goes on and its end is recorded.
        await EngineHarness.UntilAsync(() => Task.FromResult(_server.CountOf("/down") > 0));
        await EngineHarness.UntilAsync(async () => (await _harness.RunAsync("down")).State == RunState.Failed);
        Assert.Equal(NodeState.Succeeded, (await _harness.Store.GetNodeAsync("down", "r1", new("after"), EngineHarness.Deadline()))!.Value.State);

        // The run's own alert goes out after its end is recorded, while the node's is still held.
        await EngineHarness.UntilAsync(() => Task.FromResult(_server.CountOf("/down") == 2));
        Assert.Empty(await Records("down"));

        _release.SetResult();
        var result = await _harness.WaitAsync("down");

        Assert.Equal(RunState.Failed, result.State);
        var records = await Records("down");
        Assert.Equal(["onNodeFailed", "onRunFailed"], records.Select(r => r.Kind).Order(StringComparer.Ordinal));
        Assert.All(records, r =>
        {
            Assert.Equal((AlertDeliveryState.Failed, 3), (r.State, r.Tries));
            Assert.Contains("answered 503", r.Error, StringComparison.Ordinal);
            Assert.Equal("webhook secrets.DOWN_HOOK", r.Target);
        });
    }

    [Fact]
    public async Task The_same_event_sent_again_reaches_each_target_once()
    {
        await _harness.PutDagAsync("once", "id: once\nalerts: { onSuccess: [webhook, slack] }\nnodes: { a: { type: noop } }\n");
        await _harness.StartRunAsync("once");
        await _harness.WaitAsync("once");
        var run = await _harness.RunAsync("once");

        var again = await _harness.Get<SendAlertActivity>().RunAsync(
            new SendAlertInput { DagId = "once", RunId = "r1", DagHash = run.DagHash, Kind = AlertKind.Success }, EngineHarness.Deadline());

        Assert.Equal(new SendAlertResult(2, 0), again);
        Assert.Equal((1, 1), (_server.CountOf("/hook"), _server.CountOf("/slack")));
        Assert.Equal(2, (await Records("once")).Count);
    }

    private List<AlertPayload> Posts() =>
        [.. _server.Received.Where(r => r.Path is "/slack" or "/teams" or "/hook").Select(AlertPayload.Read)];

    private Task UntilPostsAsync(int count) => EngineHarness.UntilAsync(() => Task.FromResult(Posts().Count >= count));

    private Task<IReadOnlyList<AlertRecord>> Records(string dagId) =>
        _harness.Get<AlertLog>().ListAsync(dagId, "r1", EngineHarness.Deadline());
}
