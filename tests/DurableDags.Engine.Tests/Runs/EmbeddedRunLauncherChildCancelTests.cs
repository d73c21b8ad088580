using System.Text;
using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Orchestration.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Runs;

/// <summary>
/// Cancelling a run whose <c>dag</c> nodes wait for child runs. The deepest child has a step that
/// the test holds open (a running step finishes even in a cancelled run), so it can only end
/// once the test lets it; its parents must still be running until then.
/// </summary>
public sealed class EmbeddedRunLauncherChildCancelTests : IAsyncLifetime
{
    private readonly DagRunHarness _harness = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Cancelling_a_parent_run_cancels_the_child_run_its_dag_node_waits_for()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("child", """
            id: child
            nodes:
              gate: { type: approval, with: { event: go } }
            """);
        await PutWaitingDagAsync(_harness, "parent", "sub", "child");
        await _harness.StartRunAsync("parent");
        await _harness.UntilNodeAsync("child", "gate", n => n.State == NodeState.Waiting, runId: "r1-sub-a1");

        Assert.True(await _harness.Launcher.CancelRunAsync("parent", "r1", EngineHarness.Deadline()));
        var parent = await _harness.WaitAsync("parent");

        Assert.Equal(RunState.Cancelled, parent.State);
        Assert.Equal(RunState.Cancelled, (await _harness.RunAsync("child", "r1-sub-a1")).State);
        await _harness.UntilNodeAsync("child", "gate", n => n.State == NodeState.Cancelled, runId: "r1-sub-a1");
        await _harness.UntilNodeAsync("parent", "sub", n => n.State == NodeState.Cancelled);
    }

    [Fact]
    public async Task A_dag_node_that_times_out_cancels_the_child_run_it_gave_up_on()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("child", """
            id: child
            nodes:
              gate: { type: approval, with: { event: go } }
            """);
        await _harness.PutDagAsync("parent", "id: parent\nnodes:\n  sub: { type: dag, timeout: 10m, with: { dagId: child } }\n");
        await _harness.StartRunAsync("parent");
        await _harness.UntilNodeAsync("child", "gate", n => n.State == NodeState.Waiting, runId: "r1-sub-a1");

        _harness.Time.Advance(TimeSpan.FromMinutes(11));
        var parent = await _harness.WaitAsync("parent");

        Assert.Equal(RunState.Failed, parent.State);
        Assert.Equal(RunState.Cancelled, (await _harness.RunAsync("child", "r1-sub-a1")).State);
        await _harness.UntilNodeAsync("parent", "sub", n => n.State == NodeState.Failed && n.Error!.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_run_ends_only_after_its_child_and_grandchild_runs_ended()
    {
        var server = await ServeAsync();
        await _harness.StartAsync();
        await PutHeldDagAsync(_harness, "grandchild", server);
        await PutWaitingDagAsync(_harness, "child", "inner", "grandchild");
        await PutWaitingDagAsync(_harness, "parent", "sub", "child");
        await _harness.StartRunAsync("parent");
        await HeldAsync(_harness, server, "grandchild", "r1-sub-a1-inner-a1");

        var cancelledAt = _harness.Time.GetUtcNow();
        // The cancel reaches the grandchild, whose held step keeps it, its parent and theirs going.
        await CancelUntilHeldRunHearsAsync(_harness, "grandchild", "r1-sub-a1-inner-a1");
        Assert.Equal((RunState.Running, RunState.Running), ((await _harness.RunAsync("parent")).State, (await _harness.RunAsync("child", "r1-sub-a1")).State));
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        _release.SetResult();
        var result = await _harness.WaitAsync("parent");

        Assert.Equal(RunState.Cancelled, result.State);
        var parent = await _harness.RunAsync("parent");
        var child = await _harness.RunAsync("child", "r1-sub-a1");
        var grandchild = await _harness.RunAsync("grandchild", "r1-sub-a1-inner-a1");
        Assert.Equal((RunState.Cancelled, RunState.Cancelled, RunState.Cancelled), (parent.State, child.State, grandchild.State));
        Assert.Equal(cancelledAt + TimeSpan.FromMinutes(1), grandchild.EndedAt);
        Assert.True(grandchild.EndedAt <= child.EndedAt && child.EndedAt <= parent.EndedAt, $"ended {grandchild.EndedAt}, {child.EndedAt}, {parent.EndedAt}");
        await _harness.UntilNodeAsync("parent", "sub", n => n.State == NodeState.Cancelled);
        await _harness.UntilNodeAsync("child", "inner", n => n.State == NodeState.Cancelled, runId: "r1-sub-a1");
    }

    [Fact]
    public async Task A_cancelled_run_still_waits_for_its_child_run_after_a_restart_and_then_ends_cancelled()
    {
        var server = await ServeAsync();
        await _harness.StartAsync();
        await PutHeldDagAsync(_harness, "child", server);
        await PutWaitingDagAsync(_harness, "parent", "sub", "child");
        await _harness.StartRunAsync("parent");
        await HeldAsync(_harness, server, "child", "r1-sub-a1");
        await CancelUntilHeldRunHearsAsync(_harness, "child", "r1-sub-a1");
        Assert.Equal((RunState.Running, RunState.Running), ((await _harness.RunAsync("parent")).State, (await _harness.RunAsync("child", "r1-sub-a1")).State));

        await _harness.StopAsync();
        _release.SetResult();
        await _harness.StartAsync();
        var result = await _harness.WaitAsync("parent");

        Assert.Equal(RunState.Cancelled, result.State);
        var parent = await _harness.RunAsync("parent");
        var child = await _harness.RunAsync("child", "r1-sub-a1");
        Assert.Equal((RunState.Cancelled, RunState.Cancelled), (parent.State, child.State));
        Assert.True(child.EndedAt <= parent.EndedAt, $"ended {child.EndedAt}, {parent.EndedAt}");
        // The step that was running when the engine stopped ran again (at least once), and succeeded.
        Assert.Equal(2, server.CountOf("/held"));
        await _harness.UntilNodeAsync("child", "held", n => n.State == NodeState.Succeeded, runId: "r1-sub-a1");
    }

    [Fact]
    public async Task A_cancelled_run_whose_history_budget_drained_waits_for_its_child_run_in_the_same_generation()
    {
        var server = await ServeAsync();
        await using var small = new DagRunHarness { HistoryEventBudget = 120 };
        var yaml = new StringBuilder("""
            id: parent
            maxParallelNodes: 4
            nodes:
              sub: { type: dag, with: { dagId: child } }

            """);
        for (var i = 0; i < 60; i++)
        {
            // Each through an activity (a noop would not be): a wait for an instant long past.
            yaml.Append($"  n{i}: {{ type: wait, with: {{ until: \"2000-01-01T00:00:00Z\" }} }}\n");
        }

        await small.StartAsync();
        await PutHeldDagAsync(small, "child", server);
        await small.PutDagAsync("parent", yaml.ToString());
        await small.StartRunAsync("parent");
        await HeldAsync(small, server, "child", "r1-sub-a1");

        // 60 nodes need more than 120 events: the generation drains, and cannot continue as new while its child runs.
        await CancelUntilHeldRunHearsAsync(small, "child", "r1-sub-a1");
        Assert.Equal(RunState.Running, (await small.RunAsync("parent")).State);
        _release.SetResult();
        var result = await small.WaitAsync("parent");

        Assert.Equal(RunState.Cancelled, result.State);
        var parent = await small.RunAsync("parent");
        var child = await small.RunAsync("child", "r1-sub-a1");
        Assert.Equal((RunState.Cancelled, RunState.Cancelled), (parent.State, child.State));
        Assert.True(child.EndedAt <= parent.EndedAt, $"ended {child.EndedAt}, {parent.EndedAt}");
        await small.UntilNodeAsync("parent", "n59", n => n.State == NodeState.Cancelled);
        var instance = await small.Engine.GetInstanceAsync(DagActivityNames.InstanceIdOf("parent", "r1"), EngineHarness.Deadline());
        Assert.InRange(instance!.MaxGenerationEvents, 1, 120);
    }

    /// <summary><c>/held</c> answers only once the test releases it.</summary>
    private Task<LoopbackServer> ServeAsync() => _harness.ServeAsync(app => app.MapPost("/held", async () =>
    {
        await _release.Task;
        return Results.Ok();
    }));

    /// <summary>A DAG whose one node runs <paramref name="childDagId"/> as a child run and waits for it.</summary>
    private static Task PutWaitingDagAsync(DagRunHarness harness, string dagId, string nodeId, string childDagId) =>
        harness.PutDagAsync(dagId, $"id: {dagId}\nnodes:\n  {nodeId}: {{ type: dag, with: {{ dagId: {childDagId} }} }}\n");

    /// <summary>A DAG with an approval nobody gives and a step held by the server.</summary>
    private static Task PutHeldDagAsync(DagRunHarness harness, string dagId, LoopbackServer server) => harness.PutDagAsync(dagId, $$"""
        id: {{dagId}}
        nodes:
          gate: { type: approval, with: { event: go } }
          held: { type: http, with: { method: POST, url: "{{server.Url("/held")}}" } }
        """);

    /// <summary>Cancels run r1 of <c>parent</c>, then waits until the held run heard of it (its approval ended cancelled).</summary>
    private static async Task CancelUntilHeldRunHearsAsync(DagRunHarness harness, string dagId, string runId)
    {
        Assert.True(await harness.Launcher.CancelRunAsync("parent", "r1", EngineHarness.Deadline()));
        await harness.UntilNodeAsync(dagId, "gate", n => n.State == NodeState.Cancelled, runId);
    }

    private static async Task HeldAsync(DagRunHarness harness, LoopbackServer server, string dagId, string runId)
    {
        await harness.UntilNodeAsync(dagId, "gate", n => n.State == NodeState.Waiting, runId);
        await EngineHarness.UntilAsync(() => Task.FromResult(server.CountOf("/held") == 1));
    }
}
