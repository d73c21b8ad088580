using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Tests.Activities;

/// <summary>
/// A first attempt's first step the embedded engine delivers for the first time cannot be a
/// repeat: it marks its node running only when its operator runs longer than
/// <see cref="DurableDagsEngineOptions.RunningMarkDelay"/>, so a node that succeeds sooner is one create.
/// </summary>
public sealed class RunNodeStepFirstDeliveryTests : IAsyncLifetime
{
    private ActivityHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ActivityHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_first_delivery_that_succeeds_soon_is_one_create_holding_the_attempts_start_and_end()
    {
        // "Soon" made certain: a pause of the machine longer than the default 250 ms would mark the node running first.
        await _harness.DisposeAsync();
        _harness = await ActivityHarness.StartAsync(engine => engine.RunningMarkDelay = TimeSpan.FromHours(1));
        await StepAsync("call", firstDelivery: false); // the DAG version and the run are read once per process
        _harness.Calls.Clear();

        var result = await StepAsync("a", firstDelivery: true);

        Assert.Equal(NodeStepKind.Succeeded, result.Kind);
        Assert.Equal([("create", "runs/steps/r1/nodes/a.json")], _harness.Calls);
        var record = (await _harness.Store.GetNodeAsync("steps", "r1", new NodeInstance("a")))!.Value;
        Assert.Equal((NodeState.Succeeded, 1, NodeState.Succeeded), (record.State, record.Attempts, record.LatestAttempt!.State));
        Assert.Equal(record.StartedAt, record.LatestAttempt.StartedAt);
        Assert.NotNull(record.LatestAttempt.EndedAt);
    }

    [Fact]
    public async Task A_first_delivery_whose_operator_runs_long_shows_its_node_running_meanwhile()
    {
        var step = StepAsync("held", firstDelivery: true);
        await EngineHarness.UntilAsync(async () =>
            (await _harness.Store.GetNodeAsync("steps", "r1", new NodeInstance("held")))?.Value.State == NodeState.Running);
        Assert.False(step.IsCompleted);

        _harness.Held.SetResult();
        var result = await step.WaitAsync(EngineHarness.Deadline());

        Assert.Equal(NodeStepKind.Succeeded, result.Kind);
        var record = (await _harness.Store.GetNodeAsync("steps", "r1", new NodeInstance("held")))!.Value;
        Assert.Equal((NodeState.Succeeded, 1), (record.State, record.LatestAttempt!.Number));
    }

    [Fact]
    public async Task A_first_delivery_whose_attempt_the_orchestrator_ended_meanwhile_keeps_that_end()
    {
        var step = StepAsync("held", firstDelivery: true);
        await EngineHarness.UntilAsync(() => Task.FromResult(_harness.Server.CountOf("/held") == 1));
        var timedOut = new NodeStateChange { NodeId = "held", State = NodeState.UpForRetry, Attempts = 1, EndedAttempt = 1, Error = "attempt 1 timed out" };
        await _harness.Services.GetRequiredService<RecordNodeStatesActivity>().RunAsync(new RecordNodeStatesInput("steps", "r1", [timedOut]), CancellationToken.None);

        _harness.Held.SetResult();
        var result = await step.WaitAsync(EngineHarness.Deadline());

        Assert.Equal((NodeStepKind.Failed, "attempt 1 timed out"), (result.Kind, result.Error));
        var attempt = Assert.Single(await _harness.Store.ListAttemptsAsync("steps", "r1", new NodeInstance("held")));
        Assert.Equal(NodeState.Failed, attempt.State);
    }

    [Fact]
    public async Task A_step_not_known_as_a_first_delivery_still_answers_an_ended_attempt_without_calling_again()
    {
        await StepAsync("call", firstDelivery: true);

        var again = await StepAsync("call", firstDelivery: false);

        Assert.Equal(NodeStepKind.Succeeded, again.Kind);
        Assert.Equal(1, _harness.Server.CountOf("/work"));
    }

    private async Task<NodeStepResult> StepAsync(string nodeId, bool firstDelivery)
    {
        // The flag flows into the step as the engine's worker sets it; an async method keeps its own copy.
        ActivityDelivery.IsFirst = firstDelivery;
        return await _harness.Services.GetRequiredService<RunNodeStepActivity>().RunAsync(new NodeStepInput
        {
            DagId = "steps", RunId = "r1", DagHash = _harness.Hash, NodeId = nodeId, Attempt = 1, Step = 1,
        }, CancellationToken.None);
    }
}
