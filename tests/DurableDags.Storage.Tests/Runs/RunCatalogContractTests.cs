using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;
using DurableDags.Storage.Tests.Checkpoints;

namespace DurableDags.Storage.Tests.Runs;

public abstract class RunCatalogContractTests(IStoreHost host) : CheckpointStoreContract(host)
{
    [Fact]
    public async Task A_run_is_created_once_and_a_repeat_returns_the_first()
    {
        var first = await Store.StartRunAsync(NewRun("r1", T0));
        var repeat = await Store.StartRunAsync(NewRun("r1", T0.AddHours(1)) with { Params = Json("{}") });

        Assert.True(first.Created);
        Assert.False(repeat.Created);
        Assert.Equal(T0, repeat.Run.Value.CreatedAt);
        Assert.Equal("2026-01-01", repeat.Run.Value.Params.GetProperty("date").GetString());
        Assert.Single((await Store.ListRunsAsync("dag-a", new RunQuery())).Runs);
    }

    [Fact]
    public async Task Of_many_parallel_starts_of_one_scheduled_run_id_exactly_one_creates_it()
    {
        var starts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Store.StartRunAsync(NewRun("scheduled-20260101T060000Z", T0.AddTicks(i))))));

        Assert.Single(starts, s => s.Created);
        Assert.Single(starts.Select(s => s.Run.Value.CreatedAt).Distinct());
        Assert.Single((await Store.ListRunsAsync("dag-a", new RunQuery())).Runs);
    }

    [Fact]
    public async Task Fifty_concurrent_triggers_with_one_idempotency_key_start_exactly_one_run()
    {
        var starts = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => Store.StartRunAsync(NewRun($"manual-{i}", T0.AddSeconds(i)), idempotencyKey: "order-4711"))));

        Assert.Single(starts, s => s.Created);
        var runId = Assert.Single(starts.Select(s => s.Run.Value.RunId).Distinct());
        Assert.Equal(runId, Assert.Single((await Store.ListRunsAsync("dag-a", new RunQuery())).Runs).RunId);
        Assert.Single(await Store.ListActiveRunsAsync("dag-a"));
        Assert.Equal(runId, (await Store.StartRunAsync(NewRun("later", T0.AddDays(1)), "order-4711")).Run.Value.RunId);
    }

    [Fact]
    public async Task A_state_change_on_a_stale_etag_conflicts_and_updates_never_lose_one()
    {
        var start = await Store.StartRunAsync(NewRun("r1", T0));
        Assert.NotNull(await Store.TryReplaceRunAsync(start.Run.Value with { State = RunState.Running }, start.Run.ETag));

        Assert.Null(await Store.TryReplaceRunAsync(start.Run.Value with { Error = "stale" }, start.Run.ETag));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            Store.UpdateRunAsync("dag-a", "r1", r => r with { Error = $"{r.Error}[{i}]" }))));
        var error = (await Store.GetRunAsync("dag-a", "r1"))!.Value.Error!;
        Assert.All(Enumerable.Range(0, 10), i => Assert.Contains($"[{i}]", error, StringComparison.Ordinal));
        Assert.Equal(RunState.Running, (await Store.GetRunAsync("dag-a", "r1"))!.Value.State);
        Assert.Null(await Store.UpdateRunAsync("dag-a", "nobody", r => r));
    }

    [Fact]
    public async Task Runs_list_newest_first_and_page_by_cursor()
    {
        for (var i = 0; i < 7; i++)
        {
            await Store.StartRunAsync(NewRun($"r{i}", T0.AddMinutes(i)));
        }

        await Store.StartRunAsync(NewRun("other-dag", T0.AddHours(1), dagId: "dag-b"));

        var first = await Store.ListRunsAsync("dag-a", new RunQuery { Limit = 3 });
        var second = await Store.ListRunsAsync("dag-a", new RunQuery { Limit = 3, Cursor = first.NextCursor });
        var last = await Store.ListRunsAsync("dag-a", new RunQuery { Limit = 3, Cursor = second.NextCursor });

        Assert.Equal(["r6", "r5", "r4"], first.Runs.Select(r => r.RunId));
        Assert.Equal(["r3", "r2", "r1"], second.Runs.Select(r => r.RunId));
        Assert.Equal(["r0"], last.Runs.Select(r => r.RunId));
        Assert.Null(last.NextCursor);
    }

    [Fact]
    public async Task Runs_filter_by_creation_time_and_by_state()
    {
        for (var i = 0; i < 6; i++)
        {
            var run = NewRun($"r{i}", T0.AddMinutes(i));
            await Store.StartRunAsync(i % 2 == 0 ? Finished(run, RunState.Failed) : run);
        }

        var before = await Store.ListRunsAsync("dag-a", new RunQuery { Before = T0.AddMinutes(3) });
        var failed = await Store.ListRunsAsync("dag-a", new RunQuery { State = RunState.Failed, Limit = 2 });
        var rest = await Store.ListRunsAsync("dag-a", new RunQuery { State = RunState.Failed, Limit = 2, Cursor = failed.NextCursor });

        Assert.Equal(["r2", "r1", "r0"], before.Runs.Select(r => r.RunId));
        Assert.Equal(["r4", "r2"], failed.Runs.Select(r => r.RunId));
        Assert.Equal(["r0"], rest.Runs.Select(r => r.RunId));
        Assert.Null(rest.NextCursor);
    }

    [Fact]
    public async Task Active_runs_are_those_not_yet_final()
    {
        var a = await Store.StartRunAsync(NewRun("a", T0));
        await Store.StartRunAsync(NewRun("b", T0.AddMinutes(1)));
        await Store.StartRunAsync(NewRun("c", T0.AddMinutes(2), dagId: "dag-b"));
        await Store.StartRunAsync(Finished(NewRun("d", T0.AddMinutes(3)), RunState.Succeeded));

        await Store.TryReplaceRunAsync(Finished(a.Run.Value, RunState.Succeeded), a.Run.ETag);

        Assert.Equal(["b", "c"], (await Store.ListActiveRunsAsync()).Select(r => r.RunId));
        Assert.Equal(["b"], (await Store.ListActiveRunsAsync("dag-a")).Select(r => r.RunId));
        Assert.DoesNotContain(await AllKeysAsync(), k => k.StartsWith("active/dag-a/a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_listing_between_a_runs_marker_and_its_record_keeps_the_marker()
    {
        // The window inside StartRunAsync: the active marker is written, the run record not yet.
        var marker = CheckpointKeys.Active("dag-a", "r1");
        await Objects.TryCreateAsync(marker, "{}"u8.ToArray());

        Assert.Empty(await Store.ListActiveRunsAsync());
        Assert.Contains(marker, await AllKeysAsync());

        await Store.StartRunAsync(NewRun("r1", T0));
        Assert.Equal(["r1"], (await Store.ListActiveRunsAsync()).Select(r => r.RunId));
    }

    [Fact]
    public async Task Secrets_in_params_and_errors_are_stored_masked()
    {
        var run = NewRun("r1", T0) with { Params = Json($$"""{"auth":"Bearer {{Token}}","{{Password}}":1}"""), Error = $"401 for {Password}" };

        await Store.StartRunAsync(run, idempotencyKey: "k1");

        var stored = (await Store.GetRunAsync("dag-a", "r1"))!.Value;
        Assert.Equal("Bearer ***", stored.Params.GetProperty("auth").GetString());
        Assert.Equal("401 for ***", stored.Error);
        await AssertNoSecretStoredAsync();
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    public async Task A_bad_run_id_is_refused_and_writes_nothing(string runId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.StartRunAsync(NewRun(runId, T0)));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetRunAsync("dag-a", runId));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ListRunsAsync("dag-a", new RunQuery { Cursor = runId }));

        Assert.Empty(await AllKeysAsync());
    }
}
