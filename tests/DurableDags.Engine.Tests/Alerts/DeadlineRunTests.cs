using System.Globalization;
using System.Text;
using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Engine.Tests.Runs;
using DurableDags.Orchestration.Contracts;
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
        await UntilDeliveredAsync(_harness, "late", 1);
        _harness.Time.Advance(TimeSpan.FromSeconds(5));
        await UntilDeliveredAsync(_harness, "late", 2);
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

    [Fact]
    public async Task A_deadline_missed_mid_run_alerts_once_however_many_generations_follow()
    {
        // A small budget and a 60-node chain: the run continues as new while its deadline
        // timers fire and their alert activities are in flight, and re-arms them each generation.
        await using var small = new DagRunHarness { HistoryEventBudget = 120, Settings = _harness.Settings };
        var yaml = new StringBuilder("""
            id: long
            deadline: 10s
            alerts: { onDeadlineMissed: webhook }
            nodes:
              hold: { type: wait, with: { duration: 30s } }
              last: { type: noop, deadline: 5s, needs: [hold, n59] }

            """);
        for (var i = 0; i < 60; i++)
        {
            var needs = i == 0 ? "" : $"needs: [n{i - 1}], ";
            yaml.Append(CultureInfo.InvariantCulture, $"  n{i}: {{ type: wait, {needs}with: {{ until: \"2000-01-01T00:00:00Z\" }} }}\n");
        }

        await small.StartAsync();
        await small.PutDagAsync("long", yaml.ToString());
        await small.StartRunAsync("long");
        small.Time.Advance(TimeSpan.FromSeconds(11));
        await UntilDeliveredAsync(small, "long", 2);
        small.Time.Advance(TimeSpan.FromSeconds(30));
        var result = await small.WaitAsync("long");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        var instance = await small.Engine.GetInstanceAsync(DagActivityNames.InstanceIdOf("long", "r1"), EngineHarness.Deadline());
        Assert.True(instance!.Generation >= 2, $"generation {instance.Generation}");
        var records = await small.Get<AlertLog>().ListAsync("long", "r1", EngineHarness.Deadline());
        Assert.Equal(["-:sent:1", "last:sent:1"], records.Select(r => $"{r.NodeId ?? "-"}:{r.State.ToString().ToLowerInvariant()}:{r.Tries}").Order(StringComparer.Ordinal));
        Assert.Equal(2, _server.CountOf("/hook"));
    }

    /// <summary>
    /// Until that many deliveries are recorded, not merely received: a post's timeout and its
    /// retry delay run on the test's clock, so advancing it while a response is on its way times
    /// the post out, and the retry then waits for a clock that nobody moves again.
    /// </summary>
    private static Task UntilDeliveredAsync(DagRunHarness harness, string dagId, int count) =>
        EngineHarness.UntilAsync(async () =>
            (await harness.Get<AlertLog>().ListAsync(dagId, "r1", EngineHarness.Deadline())).Count(r => r.State == AlertDeliveryState.Sent) >= count);

    private static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
