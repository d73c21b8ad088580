using System.Diagnostics.Metrics;
using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Telemetry;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Tests.Activities;

public sealed class RecordNodeStatesActivityTests : IAsyncLifetime
{
    /// <summary>A DAG id of these tests' own, so the retry counter counts only their writes.</summary>
    private const string OwnDag = "late-batches";

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
    public async Task A_node_put_up_for_retry_counts_one_retry_however_often_the_change_is_written()
    {
        using var retries = new RetryCount(OwnDag);
        await _harness.Store.CreateNodeAsync(new NodeRecord { DagId = OwnDag, RunId = "r1", NodeId = "call", State = NodeState.Running, Attempts = 1 });
        var upForRetry = new NodeStateChange { NodeId = "call", State = NodeState.UpForRetry, Attempts = 1, Error = "503" };

        await RecordAsync(upForRetry, OwnDag);
        await RecordAsync(upForRetry, OwnDag);

        Assert.Equal(1, retries.Value);
    }

    [Fact]
    public async Task A_late_change_of_an_earlier_attempt_leaves_the_record_alone_and_counts_no_retry()
    {
        // The retry's step marked attempt 2 running before the batch that put the node up for
        // retry after attempt 1 landed (a generation's first batch and the due retry's step race).
        using var retries = new RetryCount(OwnDag);
        var running = new NodeAttempt { Number = 2, StartedAt = DateTimeOffset.UnixEpoch };
        await _harness.Store.CreateNodeAsync(new NodeRecord { DagId = OwnDag, RunId = "r1", NodeId = "call", State = NodeState.Running, Attempts = 2, LatestAttempt = running });

        await RecordAsync(new NodeStateChange { NodeId = "call", State = NodeState.UpForRetry, Attempts = 1, Error = "503" }, OwnDag);
        await RecordAsync(new NodeStateChange { NodeId = "call", State = NodeState.UpForRetry, Attempts = 1, EndedAttempt = 1, Error = "timed out" }, OwnDag);

        var record = (await _harness.Store.GetNodeAsync(OwnDag, "r1", new NodeInstance("call")))!.Value;
        Assert.Equal((NodeState.Running, 2, null), (record.State, record.Attempts, record.Error));
        Assert.Equal(running, record.LatestAttempt);
        Assert.Equal(0, retries.Value);
    }

    private Task<int> RecordAsync(NodeStateChange change, string dagId = "steps") =>
        _harness.Services.GetRequiredService<RecordNodeStatesActivity>().RunAsync(new RecordNodeStatesInput(dagId, "r1", [change]), CancellationToken.None);

    /// <summary>The retries counted for one DAG while this is alive.</summary>
    private sealed class RetryCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _value;

        public RetryCount(string dagId)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument, DurableDagsTelemetry.Retries))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "durabledags.dag.id", Value: string id } && id == dagId)
                    {
                        Interlocked.Add(ref _value, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Value => Interlocked.Read(ref _value);

        public void Dispose() => _listener.Dispose();
    }
}
