using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Embedded.Runtime;
using DurableDags.Orchestration.Context;

namespace DurableDags.Engine.Tests.Embedded;

public sealed class EmbeddedOrchestrationEngineTests : IAsyncLifetime
{
    private readonly EngineHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_orchestrator_chains_activities_and_completes_with_its_result()
    {
        var catalog = new OrchestrationCatalog()
            .AddActivity<int, int>("double", (x, _) => Task.FromResult(x * 2))
            .AddOrchestrator<int, int>("chain", async (context, x) =>
            {
                var a = await context.CallActivityAsync<int>("double", x);
                return await context.CallActivityAsync<int>("double", a);
            });
        var engine = await _harness.StartEngineAsync(catalog);

        Assert.True(await engine.StartNewAsync("chain", "i1", 5, EngineHarness.Deadline()));
        var done = await engine.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.Status);
        Assert.Equal(20, done.Output!.Value.GetInt32());
        Assert.False(await engine.StartNewAsync("chain", "i1", 5, EngineHarness.Deadline()));
    }

    [Fact]
    public async Task A_restarted_engine_replays_history_and_runs_again_only_the_activity_that_was_in_flight()
    {
        var chain = new StepChain();
        var engine = await _harness.StartEngineAsync(chain.Catalog(holdSecond: true));
        await engine.StartNewAsync("steps", "i1", "", EngineHarness.Deadline());
        await chain.InFlight.Task.WaitAsync(EngineHarness.Deadline());
        // The turn holding "first"'s completion may wait to be written (HistoryWriteDelay): until it
        // is, a stop runs "first" again, the at-least-once rule (see HistoryWriteDelayTests).
        await EngineHarness.UntilAsync(async () =>
            (await _harness.Store.ReadHistoryAsync("i1", 0, EngineHarness.Deadline())).OfType<TaskCompleted>().Any());
        await engine.DisposeAsync();

        var next = await _harness.StartEngineAsync(chain.Catalog(holdSecond: false));
        var done = await next.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("FIRST-SECOND-THIRD", done.Output!.Value.GetString());
        Assert.Equal([1, 2, 1], chain.Counts);
    }

    [Fact]
    public async Task A_durable_timer_armed_before_a_restart_fires_after_it_when_its_time_comes()
    {
        var catalog = new OrchestrationCatalog()
            .AddOrchestrator<string, string>("sleeper", async (context, _) =>
            {
                var start = context.CurrentUtcDateTime;
                await context.CreateTimer(start.AddHours(1), CancellationToken.None);
                return $"{(context.CurrentUtcDateTime - start).TotalMinutes}";
            });
        var engine = await _harness.StartEngineAsync(catalog);
        await engine.StartNewAsync("sleeper", "i1", "", EngineHarness.Deadline());
        await _harness.Time.WaitForTimersAsync(1, EngineHarness.Deadline());
        await engine.DisposeAsync();
        Assert.Equal(0, _harness.Time.PendingTimers);

        var next = await _harness.StartEngineAsync(catalog);
        await _harness.Time.WaitForTimersAsync(1, EngineHarness.Deadline());
        _harness.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.False((await next.GetInstanceAsync("i1", EngineHarness.Deadline()))!.IsFinished);
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        var done = await next.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("60", done.Output!.Value.GetString());
    }

    [Fact]
    public async Task An_event_raised_before_the_orchestrator_waits_for_it_is_kept_until_it_does()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var catalog = new OrchestrationCatalog()
            .AddActivity<string, string>("hold", async (_, ct) =>
            {
                await gate.Task.WaitAsync(ct);
                return "held";
            })
            .AddOrchestrator<string, string>("approval", async (context, _) =>
            {
                await context.CallActivityAsync<string>("hold", "");
                return await context.WaitForExternalEvent<string>("approve", CancellationToken.None);
            });
        var engine = await _harness.StartEngineAsync(catalog);
        await engine.StartNewAsync("approval", "i1", "", EngineHarness.Deadline());

        Assert.True(await engine.RaiseEventAsync("i1", "approve", "yes, by ana", EngineHarness.Deadline()));
        await engine.DisposeAsync();
        gate.SetResult();
        var next = await _harness.StartEngineAsync(catalog);
        var done = await next.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("yes, by ana", done.Output!.Value.GetString());
        Assert.Empty(await _harness.Store.ReadInboxAsync("i1", EngineHarness.Deadline()));
        Assert.False(await next.RaiseEventAsync("i1", "approve", "again", EngineHarness.Deadline()));
    }

    [Fact]
    public async Task WhenAny_picks_the_same_winner_on_replay_as_in_the_live_run()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var catalog = new OrchestrationCatalog()
            .AddActivity<string, string>("hold", async (winner, ct) =>
            {
                inFlight.TrySetResult();
                await gate.Task.WaitAsync(ct);
                return winner;
            })
            .AddOrchestrator<string, string>("race", async (context, _) =>
            {
                using var cancelTimer = new CancellationTokenSource();
                var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(5), cancelTimer.Token);
                var approval = context.WaitForExternalEvent<string>("approve", CancellationToken.None);
                var winner = await Task.WhenAny(timer, approval) == approval ? "event" : "timer";
                cancelTimer.Cancel();
                return await context.CallActivityAsync<string>("hold", winner);
            });
        var engine = await _harness.StartEngineAsync(catalog);
        await engine.StartNewAsync("race", "i1", "", EngineHarness.Deadline());
        await _harness.Time.WaitForTimersAsync(1, EngineHarness.Deadline());
        await engine.RaiseEventAsync("i1", "approve", "ok", EngineHarness.Deadline());
        await inFlight.Task.WaitAsync(EngineHarness.Deadline());
        await engine.DisposeAsync();

        // Past the timer's time now: a replay that raced anew would see the timer win.
        _harness.Time.Advance(TimeSpan.FromHours(1));
        gate.SetResult();
        var next = await _harness.StartEngineAsync(catalog);
        var done = await next.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("event", done.Output!.Value.GetString());
    }

    [Fact]
    public async Task A_sub_orchestration_returns_its_result_and_its_failure_reaches_the_parent()
    {
        var catalog = new OrchestrationCatalog()
            .AddActivity<int, int>("check", (x, _) => x < 0 ? throw new InvalidOperationException("negative") : Task.FromResult(x + 1))
            .AddOrchestrator<int, int>("child", (context, x) => context.CallActivityAsync<int>("check", x))
            .AddOrchestrator<int, string>("parent", async (context, x) =>
            {
                var ok = await context.CallSubOrchestratorAsync<int>("child", $"{context.InstanceId}-ok", x);
                try
                {
                    await context.CallSubOrchestratorAsync<int>("child", $"{context.InstanceId}-bad", -x);
                    return "no failure";
                }
                catch (OrchestrationTaskFailedException ex)
                {
                    return $"{ok} then {ex.TaskName}: {ex.Error}";
                }
            });
        var engine = await _harness.StartEngineAsync(catalog);
        await engine.StartNewAsync("parent", "p1", 41, EngineHarness.Deadline());
        var done = await engine.WaitForCompletionAsync("p1", EngineHarness.Deadline());

        Assert.Equal("42 then child: 'check' failed: InvalidOperationException: negative", done.Output!.Value.GetString());
        var child = await engine.GetInstanceAsync("p1-ok", EngineHarness.Deadline());
        Assert.Equal("p1", child!.ParentInstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await engine.GetInstanceAsync("p1-bad", EngineHarness.Deadline()))!.Status);
    }

    [Fact]
    public async Task ContinueAsNew_resets_history_and_keeps_events_that_were_not_handled()
    {
        var catalog = new OrchestrationCatalog()
            .AddActivity<int, int>("inc", (x, _) => Task.FromResult(x + 1))
            .AddOrchestrator<int, string>("counter", async (context, n) =>
            {
                if (n < 30)
                {
                    var next = await context.CallActivityAsync<int>("inc", n);
                    await context.CallActivityAsync<int>("inc", n);
                    context.ContinueAsNew(next);
                    return "";
                }

                return $"{n} {await context.WaitForExternalEvent<string>("finish", CancellationToken.None)}";
            });
        var engine = await _harness.StartEngineAsync(catalog);
        await engine.StartNewAsync("counter", "i1", 0, EngineHarness.Deadline());
        await engine.RaiseEventAsync("i1", "finish", "now", EngineHarness.Deadline());
        var done = await engine.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("30 now", done.Output!.Value.GetString());
        Assert.Equal(30, done.Generation);
        Assert.InRange(done.MaxGenerationEvents, 6, 12);
        Assert.True(done.TotalEvents > 30 * 6);
        Assert.Empty(await _harness.Store.ReadHistoryAsync("i1", 0, EngineHarness.Deadline()));
    }

    [Fact]
    public async Task Activities_never_run_more_at_once_than_the_pool_allows()
    {
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var catalog = new OrchestrationCatalog()
            .AddActivity<int, int>("work", async (x, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await release.Task.WaitAsync(ct);
                Interlocked.Decrement(ref running);
                return x;
            })
            .AddOrchestrator<int, int>("fan", async (context, n) =>
            {
                var all = await Task.WhenAll(Enumerable.Range(0, n).Select(i => context.CallActivityAsync<int>("work", i)));
                return all.Sum();
            });
        var engine = await _harness.StartEngineAsync(catalog, maxConcurrentActivities: 3);
        await engine.StartNewAsync("fan", "i1", 12, EngineHarness.Deadline());
        await EngineHarness.UntilAsync(() => Task.FromResult(Volatile.Read(ref running) == 3));

        release.SetResult();
        var done = await engine.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal(66, done.Output!.Value.GetInt32());
        Assert.Equal(3, most);
    }

    [Fact]
    public async Task Custom_status_is_kept_in_the_instance_record()
    {
        var catalog = new OrchestrationCatalog()
            .AddOrchestrator<string, string>("status", async (context, _) =>
            {
                context.SetCustomStatus(new { phase = "waiting" });
                return await context.WaitForExternalEvent<string>("go", CancellationToken.None);
            });
        var engine = await _harness.StartEngineAsync(catalog);
        await engine.StartNewAsync("status", "i1", "", EngineHarness.Deadline());
        await EngineHarness.UntilAsync(async () => (await engine.GetInstanceAsync("i1", EngineHarness.Deadline()))!.CustomStatus is not null);

        var record = await engine.GetInstanceAsync("i1", EngineHarness.Deadline());
        Assert.Equal("waiting", record!.CustomStatus!.Value.GetProperty("phase").GetString());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
