using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Tests.Runs;

/// <summary>What every host's launcher does beside its orchestration calls (here on the embedded engine).</summary>
public sealed class RunLauncherTests : IAsyncLifetime
{
    private readonly DagRunHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Cancelling_a_run_whose_orchestration_never_started_records_it_cancelled_with_the_reason()
    {
        await StartLostRunAsync();

        Assert.True(await _harness.Launcher.CancelRunAsync("lost", "r1", EngineHarness.Deadline()));

        var run = await _harness.RunAsync("lost");
        Assert.Equal((RunState.Cancelled, RunLauncher.ForcedCancelError), (run.State, run.Error));
        Assert.Equal(_harness.Time.GetUtcNow(), run.EndedAt);
        Assert.False(await _harness.Launcher.CancelRunAsync("lost", "r1", EngineHarness.Deadline()));
    }

    [Fact]
    public async Task An_orchestration_that_starts_after_its_run_was_recorded_cancelled_ends_cancelled_and_runs_nothing()
    {
        // On Durable Functions a parent's cancel can reach a child run before the child's orchestration starts.
        await StartLostRunAsync();
        Assert.True(await _harness.Launcher.CancelRunAsync("lost", "r1", EngineHarness.Deadline()));
        var run = await _harness.RunAsync("lost");

        await _harness.Engine.StartNewAsync(DagActivityNames.DagRunOrchestrator, DagActivityNames.InstanceIdOf("lost", "r1"),
            new DagRunInput { DagId = "lost", RunId = "r1", DagHash = run.DagHash, DagVersion = run.DagVersion }, EngineHarness.Deadline());
        var result = await _harness.Launcher.WaitForRunAsync("lost", "r1", EngineHarness.Deadline());

        Assert.Equal(new DagRunResult("r1", RunState.Cancelled, RunLauncher.ForcedCancelError), result);
        Assert.Null(await _harness.Store.GetNodeAsync("lost", "r1", new NodeInstance("a"), EngineHarness.Deadline()));
        var after = await _harness.RunAsync("lost");
        Assert.Equal((run.State, run.Error, run.EndedAt), (after.State, after.Error, after.EndedAt));
    }

    [Fact]
    public async Task Starting_a_run_again_starts_the_orchestration_the_first_start_never_got_to()
    {
        await StartLostRunAsync();

        var again = await _harness.Launcher.StartRunAsync(new RunLaunch { DagId = "lost", RunId = "r1" }, EngineHarness.Deadline());

        Assert.False(again.Created);
        Assert.Equal(RunState.Succeeded, (await _harness.WaitAsync("lost")).State);
        var twice = await _harness.Launcher.StartRunAsync(new RunLaunch { DagId = "lost", RunId = "r1" }, EngineHarness.Deadline());
        Assert.Equal((false, RunState.Succeeded), (twice.Created, twice.Run.Value.State));
    }

    [Fact]
    public async Task Cancelling_a_finished_or_unknown_run_changes_nothing_and_says_so()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("quick", "id: quick\nnodes:\n  a: { type: noop }\n");
        await _harness.StartRunAsync("quick");
        Assert.Equal(RunState.Succeeded, (await _harness.WaitAsync("quick")).State);

        Assert.False(await _harness.Launcher.CancelRunAsync("quick", "r1", EngineHarness.Deadline()));
        Assert.False(await _harness.Launcher.CancelRunAsync("quick", "no-such-run", EngineHarness.Deadline()));
        Assert.False(await _harness.Launcher.RaiseEventAsync("quick", "no-such-run", "approve", null, EngineHarness.Deadline()));
        var run = await _harness.RunAsync("quick");
        Assert.Equal((RunState.Succeeded, null), (run.State, run.Error));
    }

    [Fact]
    public async Task A_run_is_pinned_to_the_version_its_hash_names_whatever_version_record_the_caller_passes()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("pinned", "id: pinned\nnodes:\n  a: { type: noop }\n");
        var first = (await _harness.Store.GetDagAsync("pinned", EngineHarness.Deadline()))!.Current;
        await _harness.PutDagAsync("pinned", "id: pinned\nnodes:\n  b: { type: noop }\n");
        var second = (await _harness.Store.GetDagAsync("pinned", EngineHarness.Deadline()))!.Current;

        // The record the trigger read along with the hash is used as it is; one of another hash is not.
        var passed = await _harness.Launcher.StartRunAsync(
            new RunLaunch { DagId = "pinned", RunId = "r1", DagHash = first.Hash, Version = first }, EngineHarness.Deadline());
        var mismatched = await _harness.Launcher.StartRunAsync(
            new RunLaunch { DagId = "pinned", RunId = "r2", DagHash = first.Hash, Version = second }, EngineHarness.Deadline());

        Assert.Equal((first.Version, first.Hash), (passed.Run.Value.DagVersion, passed.Run.Value.DagHash));
        Assert.Equal((first.Version, first.Hash), (mismatched.Run.Value.DagVersion, mismatched.Run.Value.DagHash));
        Assert.Equal(RunState.Succeeded, (await _harness.WaitAsync("pinned", "r2")).State);
        Assert.NotNull(await _harness.Store.GetNodeAsync("pinned", "r2", new NodeInstance("a"), EngineHarness.Deadline()));
    }

    /// <summary>A run record whose orchestration never started: the host stopped between the two.</summary>
    private async Task StartLostRunAsync()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("lost", "id: lost\nnodes:\n  a: { type: noop }\n");
        var entry = (await _harness.Store.GetDagAsync("lost", EngineHarness.Deadline()))!;
        await _harness.Store.StartRunAsync(new RunRecord
        {
            RunId = "r1",
            DagId = "lost",
            DagVersion = entry.Current.Version,
            DagHash = entry.Current.Hash,
            State = RunState.Running,
            Trigger = new RunTrigger { Kind = TriggerKind.Http },
            CreatedAt = _harness.Time.GetUtcNow(),
        }, cancellationToken: EngineHarness.Deadline());
    }
}
