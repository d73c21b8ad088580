using System.Text.Json;
using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Tests.Checkpoints;

namespace DurableDags.Storage.Tests.Nodes;

public abstract class NodeCheckpointsContractTests(IStoreHost host) : CheckpointStoreContract(host)
{
    private static NodeRecord Node(string nodeId, int? mapIndex = null) =>
        new() { DagId = "dag-a", RunId = "r1", NodeId = nodeId, MapIndex = mapIndex };

    private static JsonElement OutputOfSize(int bytes) =>
        JsonSerializer.SerializeToElement(new { body = new string('x', bytes - 11) });

    [Fact]
    public async Task Each_node_event_rewrites_only_that_nodes_small_record()
    {
        var run = (await Store.StartRunAsync(NewRun("r1", T0))).Run;

        for (var i = 0; i < 40; i++)
        {
            foreach (var state in new[] { NodeState.Queued, NodeState.Running, NodeState.Succeeded })
            {
                await Store.PutNodeAsync(Node($"n{i}") with { State = state, Attempts = 1, Output = Json("""{"ok":true}""") });
            }
        }

        Assert.Equal(run.ETag, (await Store.GetRunAsync("dag-a", "r1"))!.ETag);
        var nodeKeys = (await AllKeysAsync()).Where(k => k.Contains("/nodes/", StringComparison.Ordinal)).ToList();
        Assert.Equal(40, nodeKeys.Count);
        foreach (var key in nodeKeys)
        {
            Assert.True((await RawTextAsync(key)).Length < 400, $"{key} is not small");
        }
    }

    [Fact]
    public async Task The_nodes_of_a_run_list_with_their_mapped_instances()
    {
        await Store.PutNodeAsync(Node("cost") with { MapCount = 3, State = NodeState.Running });
        foreach (var i in new[] { 2, 0, 1 })
        {
            await Store.PutNodeAsync(Node("cost", i) with { State = NodeState.Succeeded, Output = Json($"{i}") });
        }

        await Store.PutNodeAsync(Node("carriers") with { State = NodeState.Succeeded });
        await Store.PutNodeAsync(Node("elsewhere") with { RunId = "r2" });

        var nodes = await Store.ListNodesAsync("dag-a", "r1");

        Assert.Equal(["carriers", "cost", "cost.0", "cost.1", "cost.2"], nodes.Select(n => n.Instance.ToString()));
        Assert.Equal(3, nodes[1].MapCount);
        Assert.Equal(2, nodes[4].Output!.Value.GetInt32());
    }

    [Fact]
    public async Task A_create_only_write_never_replaces_an_existing_record()
    {
        var created = await Store.CreateNodeAsync(Node("a") with { State = NodeState.Queued });
        var again = await Store.CreateNodeAsync(Node("a") with { State = NodeState.Failed });

        Assert.NotNull(created);
        Assert.Null(again);
        var stored = (await Store.GetNodeAsync("dag-a", "r1", new NodeInstance("a")))!;
        Assert.Equal(NodeState.Queued, stored.Value.State);
        Assert.Equal(created, stored.ETag);
    }

    [Fact]
    public async Task A_write_on_a_stale_etag_conflicts()
    {
        var first = await Store.PutNodeAsync(Node("a") with { State = NodeState.Queued });
        await Store.PutNodeAsync(Node("a") with { State = NodeState.Running }, first);

        Assert.Null(await Store.PutNodeAsync(Node("a") with { State = NodeState.Cancelled }, first));
        Assert.Equal(NodeState.Running, (await Store.GetNodeAsync("dag-a", "r1", new NodeInstance("a")))!.Value.State);
    }

    [Fact]
    public async Task Creating_a_node_record_that_exists_changes_nothing()
    {
        Assert.NotNull(await Store.CreateNodeAsync(Node("a") with { State = NodeState.Succeeded, Attempts = 1 }));

        Assert.Null(await Store.CreateNodeAsync(Node("a") with { State = NodeState.Running, Attempts = 1 }));
        Assert.Equal(NodeState.Succeeded, (await Store.GetNodeAsync("dag-a", "r1", new NodeInstance("a")))!.Value.State);
    }

    [Fact]
    public async Task An_output_over_64_KB_goes_to_an_object_of_its_own()
    {
        var big = OutputOfSize(CheckpointStoreOptions.DefaultInlineOutputLimit + 1);
        var small = OutputOfSize(CheckpointStoreOptions.DefaultInlineOutputLimit);

        await Store.PutNodeAsync(Node("big") with { State = NodeState.Succeeded, Output = big });
        await Store.PutNodeAsync(Node("small") with { State = NodeState.Succeeded, Output = small });

        var stored = (await Store.GetNodeAsync("dag-a", "r1", new NodeInstance("big")))!.Value;
        Assert.Null(stored.Output);
        Assert.Equal("runs/dag-a/r1/outputs/big.json", stored.OutputRef);
        Assert.Equal(CheckpointStoreOptions.DefaultInlineOutputLimit + 1, stored.OutputSize);
        Assert.True((await RawTextAsync("runs/dag-a/r1/nodes/big.json")).Length < 400);
        Assert.Equal(big.GetRawText(), (await Store.ReadOutputAsync(stored))!.Value.GetRawText());

        var inline = (await Store.GetNodeAsync("dag-a", "r1", new NodeInstance("small")))!.Value;
        Assert.Null(inline.OutputRef);
        Assert.Equal(small.GetRawText(), (await Store.ReadOutputAsync(inline))!.Value.GetRawText());
        Assert.DoesNotContain("runs/dag-a/r1/outputs/small.json", await AllKeysAsync());
    }

    [Fact]
    public async Task A_rerun_may_keep_a_large_output_by_reference_but_not_point_outside_its_dag()
    {
        var big = OutputOfSize(CheckpointStoreOptions.DefaultInlineOutputLimit * 2);
        await Store.PutNodeAsync(Node("big") with { State = NodeState.Succeeded, Output = big });
        var original = (await Store.GetNodeAsync("dag-a", "r1", new NodeInstance("big")))!.Value;

        await Store.PutNodeAsync(original with { RunId = "rerun-1" });
        var kept = (await Store.GetNodeAsync("dag-a", "rerun-1", new NodeInstance("big")))!.Value;

        Assert.Equal(big.GetRawText(), (await Store.ReadOutputAsync(kept))!.Value.GetRawText());
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.ReadOutputAsync(kept with { DagId = "dag-b" }));
        await Assert.ThrowsAsync<InvalidDataException>(() => Store.ReadOutputAsync(kept with { OutputRef = "registry/dag-a.json" }));
    }

    [Fact]
    public async Task Attempts_are_records_of_their_own_with_an_idempotency_key()
    {
        foreach (var attempt in new[] { 2, 1 })
        {
            await Store.PutAttemptAsync(new AttemptRecord
            {
                DagId = "dag-a", RunId = "r1", NodeId = "cost", MapIndex = 4, Attempt = attempt, StartedAt = T0.AddMinutes(attempt),
                State = attempt == 1 ? NodeState.Failed : NodeState.Succeeded, Error = attempt == 1 ? "HTTP 503" : null,
            });
        }

        var attempts = await Store.ListAttemptsAsync("dag-a", "r1", new NodeInstance("cost", 4));

        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        Assert.Equal("HTTP 503", attempts[0].Error);
        Assert.Equal("r1/cost.4/2", attempts[1].IdempotencyKey);
        Assert.Contains("\"state\":\"failed\"", await RawTextAsync("runs/dag-a/r1/attempts/cost.4/0001.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_records_latest_attempt_is_listed_with_the_archived_ones_and_wins_over_a_copy_of_itself()
    {
        await Store.PutAttemptAsync(new AttemptRecord { DagId = "dag-a", RunId = "r1", NodeId = "a", Attempt = 1, StartedAt = T0, State = NodeState.Failed });
        // A stop between archiving attempt 2 and replacing it in the record leaves a stale copy behind.
        await Store.PutAttemptAsync(new AttemptRecord { DagId = "dag-a", RunId = "r1", NodeId = "a", Attempt = 2, StartedAt = T0, State = NodeState.Running });
        await Store.PutNodeAsync(Node("a") with
        {
            State = NodeState.Succeeded,
            Attempts = 2,
            LatestAttempt = new NodeAttempt { Number = 2, State = NodeState.Succeeded, StartedAt = T0.AddMinutes(1), EndedAt = T0.AddMinutes(2) },
        });
        var record = (await Store.GetNodeAsync("dag-a", "r1", new NodeInstance("a")))!.Value;

        var read = await Store.ListAttemptsAsync("dag-a", "r1", new NodeInstance("a"));
        var fromRecord = await Store.ListAttemptsAsync(record);

        Assert.Equal([(1, NodeState.Failed), (2, NodeState.Succeeded)], read.Select(a => (a.Attempt, a.State)));
        Assert.Equal(read, fromRecord);
        Assert.Equal("r1/a/2", read[1].IdempotencyKey);
        Assert.Equal(T0.AddMinutes(2), read[1].EndedAt);
    }

    [Fact]
    public async Task The_part_of_a_log_written_with_its_attempts_end_is_read_after_its_chunks()
    {
        Assert.True(await Store.AppendLogAsync("dag-a", "r1", new NodeInstance("a"), 2, 0, "polled: not yet\n"));
        await Store.PutNodeAsync(Node("a") with
        {
            Attempts = 2,
            LatestAttempt = new NodeAttempt { Number = 2, State = NodeState.Succeeded, StartedAt = T0, EndedAt = T0, Log = $"polled: ready, token {Token}\n" },
        });

        Assert.Equal("polled: not yet\npolled: ready, token ***\n", await Store.ReadLogAsync("dag-a", "r1", new NodeInstance("a"), 2));
        var second = Assert.Single(await Store.ListAttemptsAsync("dag-a", "r1", new NodeInstance("a")));
        Assert.Equal("polled: not yet\npolled: ready, token ***\n", await Store.ReadLogAsync(second));
        Assert.Null(await Store.ReadLogAsync("dag-a", "r1", new NodeInstance("a"), 1));
        await AssertNoSecretStoredAsync();
    }

    [Fact]
    public async Task Secrets_in_outputs_and_errors_are_stored_masked()
    {
        var leaky = Json($$"""{"headers":{"Authorization":"Bearer {{Token}}"},"echo":"{{Password}}"}""");
        var bigLeak = JsonSerializer.SerializeToElement(new { pad = new string('p', 70_000), token = Token });

        await Store.PutNodeAsync(Node("a") with { Output = leaky, Error = $"failed with {Password}" });
        await Store.PutNodeAsync(Node("b") with { Output = bigLeak });
        await Store.PutAttemptAsync(new AttemptRecord { DagId = "dag-a", RunId = "r1", NodeId = "a", Attempt = 1, StartedAt = T0, Error = Token });

        var a = (await Store.GetNodeAsync("dag-a", "r1", new NodeInstance("a")))!.Value;
        Assert.Equal("Bearer ***", a.Output!.Value.GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal("failed with ***", a.Error);
        var b = (await Store.GetNodeAsync("dag-a", "r1", new NodeInstance("b")))!.Value;
        Assert.Equal("***", (await Store.ReadOutputAsync(b))!.Value.GetProperty("token").GetString());
        await AssertNoSecretStoredAsync();
    }

    [Theory]
    [InlineData("a/b", null)]
    [InlineData("a.b", null)]
    [InlineData("..", null)]
    [InlineData("a", -1)]
    public async Task A_bad_node_id_or_index_is_refused_and_writes_nothing(string nodeId, int? mapIndex)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutNodeAsync(Node(nodeId, mapIndex)));

        Assert.Empty(await AllKeysAsync());
    }
}
