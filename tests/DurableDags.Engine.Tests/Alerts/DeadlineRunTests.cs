using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Engine.Tests.Runs;
using DurableDags.Storage.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Alerts;

/// <summary>Deadlines on the embedded engine: durable timers under the test's clock, alerts to a real receiver.</summary>
public sealed class DeadlineRunTests : IAsyncLifetime
{
    private DagRunHarness _harness = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", () => Results.Ok()));
        _harness = new DagRunHarness
        {
            Settings = new Dictionary<string, string?>
            {
                ["DurableDags:Secrets:NOTIFY_WEBHOOK_URL"] = _server.Url("/hook"),
                ["DurableDags:PublicUrl"] = "https://dags.example.org",
            },
        };
        await _harness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_missed_deadline_alerts_once_and_the_run_goes_on_to_succeed()
    {
        await _harness.PutDagAsync("late", """
            id: late
            deadline: 10s
            alerts: { onDeadlineMissed: webhook }
            nodes:
              slow: { type: wait, deadline: { after: start, within: 5s }, with: { duration: 30s } }
              quick: { type: noop, deadline: 5s }
            """);
        var start = _harness.Time.GetUtcNow();

        await _harness.StartRunAsync("late");
        await _harness.UntilNodeAsync("late", "slow", n => n.State == NodeState.Waiting);
        _harness.Time.Advance(TimeSpan.FromSeconds(6));
        await UntilPostsAsync(1);
        _harness.Time.Advance(TimeSpan.FromSeconds(5));
        await UntilPostsAsync(2);
        _harness.Time.Advance(TimeSpan.FromSeconds(20));
        var result = await _harness.WaitAsync("late");

        Assert.Equal(RunState.Succeeded, result.State);
        var posts = _server.Received.Where(r => r.Path == "/hook").Select(AlertPayload.Read).ToList();
        Assert.Equal(["late: node slow missed its deadline", "late: run missed its deadline"], posts.Select(p => p.Title));
        Assert.Equal([Format(start.AddSeconds(5)), Format(start.AddSeconds(10))], posts.Select(p => p.Facts["Deadline"]));
        Assert.All(posts, p => Assert.Equal("onDeadlineMissed", p.Kind));
        Assert.Equal("https://dags.example.org/dags/late/runs/r1?node=slow", posts[0].Link);
        var records = await _harness.Get<AlertLog>().ListAsync("late", "r1", EngineHarness.Deadline());
        Assert.Equal(["-:sent", "slow:sent"], records.Select(r => $"{r.NodeId ?? "-"}:{r.State.ToString().ToLowerInvariant()}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_deadline_met_alerts_nothing()
    {
        await _harness.PutDagAsync("ontime", """
            id: ontime
            deadline: { after: logicalDate, within: 1h }
            alerts: { onDeadlineMissed: webhook }
            nodes: { a: { type: noop, deadline: 1m } }
            """);

        await _harness.StartRunAsync("ontime", logicalDate: _harness.Time.GetUtcNow());
        var result = await _harness.WaitAsync("ontime");
        _harness.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(RunState.Succeeded, result.State);
        Assert.Empty(await _harness.Get<AlertLog>().ListAsync("ontime", "r1", EngineHarness.Deadline()));
        Assert.Equal(0, _server.CountOf("/hook"));
    }

    private Task UntilPostsAsync(int count) => EngineHarness.UntilAsync(() => Task.FromResult(_server.CountOf("/hook") >= count));

    private static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
