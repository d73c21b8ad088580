using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Runs;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Tests.Activities;

public sealed class CancelChildRunsActivityTests : IAsyncLifetime
{
    private readonly DagRunHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_child_run_without_an_orchestration_is_recorded_cancelled_and_a_finished_one_is_left_as_it_is()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("child", """
            id: child
            nodes:
              a: { type: noop }
            """);
        var version = (await _harness.Store.GetDagAsync("child", EngineHarness.Deadline()))!.Current;
        foreach (var (runId, state) in new[] { ("p-sub-a1", RunState.Running), ("p-other-a1", RunState.Succeeded) })
        {
            await _harness.Store.StartRunAsync(new RunRecord
            {
                RunId = runId,
                DagId = "child",
                DagVersion = version.Version,
                DagHash = version.Hash,
                State = state,
                Trigger = new RunTrigger { Kind = TriggerKind.Child, ParentDagId = "parent", ParentRunId = "p" },
                CreatedAt = _harness.Time.GetUtcNow(),
            }, cancellationToken: EngineHarness.Deadline());
        }

        var cancelled = await _harness.Get<CancelChildRunsActivity>().RunAsync(
            new CancelChildRunsInput([new ChildRunRef("child", "p-sub-a1"), new ChildRunRef("child", "p-other-a1")]), EngineHarness.Deadline());

        Assert.Equal(1, cancelled);
        var orphan = await _harness.RunAsync("child", "p-sub-a1");
        Assert.Equal(
            (RunState.Cancelled, RunLauncher.ForcedCancelError, _harness.Time.GetUtcNow()),
            (orphan.State, orphan.Error, orphan.EndedAt));
        Assert.Equal(RunState.Succeeded, (await _harness.RunAsync("child", "p-other-a1")).State);
    }
}
