using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Tests.Activities;

public sealed class RecordNodeStatesActivityTests : IAsyncLifetime
{
    private ActivityHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ActivityHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_first_write_creates_the_record_without_reading_it()
    {
        await RecordAsync(new NodeStateChange { NodeId = "a", State = NodeState.Succeeded, Attempts = 1, EndedAttempt = 1, FirstWrite = true });

        Assert.Equal([("create", "runs/steps/r1/nodes/a.json")], _harness.Calls);
        var record = (await _harness.Store.GetNodeAsync("steps", "r1", new NodeInstance("a")))!.Value;
        Assert.Equal((NodeState.Succeeded, 1, NodeState.Succeeded), (record.State, record.Attempts, record.LatestAttempt!.State));
    }

    [Fact]
    public async Task A_first_write_that_finds_a_record_after_all_changes_it_and_keeps_its_attempt()
    {
        var running = new NodeAttempt { Number = 1, StartedAt = DateTimeOffset.UnixEpoch };
        await _harness.Store.CreateNodeAsync(new NodeRecord { DagId = "steps", RunId = "r1", NodeId = "call", State = NodeState.Running, Attempts = 1, LatestAttempt = running });
        _harness.Calls.Clear();

        await RecordAsync(new NodeStateChange { NodeId = "call", State = NodeState.UpForRetry, Attempts = 1, EndedAttempt = 1, Error = "timed out", FirstWrite = true });

        Assert.Equal(["create", "get", "put-if-match"], _harness.Calls.Select(c => c.Operation));
        var record = (await _harness.Store.GetNodeAsync("steps", "r1", new NodeInstance("call")))!.Value;
        Assert.Equal(NodeState.UpForRetry, record.State);
        Assert.Equal((1, NodeState.Failed, "timed out", DateTimeOffset.UnixEpoch),
            (record.LatestAttempt!.Number, record.LatestAttempt.State, record.LatestAttempt.Error, record.LatestAttempt.StartedAt));
    }

    [Fact]
    public async Task A_batch_that_lands_after_the_next_attempt_began_leaves_that_attempt_alone()
    {
        // A new generation writes a node waiting out its retry delay again; the retry's step can
        // begin attempt 2 before that batch lands.
        var second = new NodeAttempt { Number = 2, StartedAt = DateTimeOffset.UnixEpoch };
        await _harness.Store.CreateNodeAsync(new NodeRecord { DagId = "steps", RunId = "r1", NodeId = "call", State = NodeState.Running, Attempts = 2, LatestAttempt = second });

        await RecordAsync(new NodeStateChange { NodeId = "call", State = NodeState.UpForRetry, Attempts = 1, Error = "503" });
        await RecordAsync(new NodeStateChange { NodeId = "call", State = NodeState.UpForRetry, Attempts = 1, EndedAttempt = 1, Error = "503" });

        var record = (await _harness.Store.GetNodeAsync("steps", "r1", new NodeInstance("call")))!.Value;
        Assert.Equal((NodeState.Running, 2, null), (record.State, record.Attempts, record.Error));
        Assert.Equal((2, (DateTimeOffset?)null), (record.LatestAttempt!.Number, record.LatestAttempt.EndedAt));
    }

    private Task<int> RecordAsync(NodeStateChange change) =>
        _harness.Services.GetRequiredService<RecordNodeStatesActivity>().RunAsync(new RecordNodeStatesInput("steps", "r1", [change]), CancellationToken.None);
}
