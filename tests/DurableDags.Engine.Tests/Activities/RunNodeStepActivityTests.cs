using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Tests.Activities;

public sealed class RunNodeStepActivityTests : IAsyncLifetime
{
    private ActivityHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ActivityHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_first_attempt_that_succeeds_creates_its_node_record_then_replaces_it_once_and_reads_nothing()
    {
        await StepAsync("call", attempt: 1); // the DAG version and the run are read once per process
        _harness.Calls.Clear();

        var result = await StepAsync("a", attempt: 1);

        Assert.Equal(NodeStepKind.Succeeded, result.Kind);
        Assert.Equal([("create", "runs/steps/r1/nodes/a.json"), ("put-if-match", "runs/steps/r1/nodes/a.json")], _harness.Calls);
        var record = (await _harness.Store.GetNodeAsync("steps", "r1", new NodeInstance("a")))!.Value;
        Assert.Equal((NodeState.Succeeded, 1), (record.State, record.Attempts));
        Assert.Equal(NodeState.Succeeded, Assert.Single(await _harness.Store.ListAttemptsAsync("steps", "r1", new NodeInstance("a"))).State);
    }

    [Fact]
    public async Task A_repeated_step_of_an_attempt_that_ended_answers_its_outcome_without_calling_again()
    {
        var first = await StepAsync("call", attempt: 1);
        var again = await StepAsync("call", attempt: 1);

        Assert.Equal((NodeStepKind.Succeeded, NodeStepKind.Succeeded), (first.Kind, again.Kind));
        Assert.Equal(1, _harness.Server.CountOf("/work"));
        // The call's short log went with the attempt's end: no write of its own, and it reads whole.
        Assert.DoesNotContain(_harness.Calls, c => c.Key.Contains("/logs/", StringComparison.Ordinal));
        var log = await _harness.Store.ReadLogAsync("steps", "r1", new NodeInstance("call"), 1);
        Assert.Matches(@"^\S+Z GET http://[^ ]+/work \(no body\)\n\S+Z GET http://[^ ]+/work answered 200 in \S+\n$", log);
    }

    [Fact]
    public async Task A_retry_archives_the_failed_attempt_and_both_are_listed()
    {
        _harness.FailuresLeft = 1;

        var failed = await StepAsync("call", attempt: 1);
        var succeeded = await StepAsync("call", attempt: 2);

        Assert.Equal((NodeStepKind.Failed, NodeStepKind.Succeeded), (failed.Kind, succeeded.Kind));
        var attempts = await _harness.Store.ListAttemptsAsync("steps", "r1", new NodeInstance("call"));
        Assert.Equal([(1, NodeState.Failed), (2, NodeState.Succeeded)], attempts.Select(a => (a.Attempt, a.State)));
        Assert.Contains(failed.Error!, attempts[0].Error, StringComparison.Ordinal);
        Assert.Contains(("put", "runs/steps/r1/attempts/call/0001.json"), _harness.Calls);
        Assert.Equal(2, (await _harness.Store.GetNodeAsync("steps", "r1", new NodeInstance("call")))!.Value.LatestAttempt!.Number);
    }

    [Fact]
    public async Task A_step_whose_attempt_the_orchestrator_already_ended_keeps_that_end_and_calls_nothing()
    {
        var timedOut = new NodeStateChange { NodeId = "call", State = NodeState.UpForRetry, Attempts = 1, EndedAttempt = 1, Error = "attempt 1 timed out" };
        await _harness.Services.GetRequiredService<RecordNodeStatesActivity>().RunAsync(new RecordNodeStatesInput("steps", "r1", [timedOut]), CancellationToken.None);

        var result = await StepAsync("call", attempt: 1);

        Assert.Equal((NodeStepKind.Failed, "attempt 1 timed out"), (result.Kind, result.Error));
        Assert.Equal(0, _harness.Server.CountOf("/work"));
        var attempt = Assert.Single(await _harness.Store.ListAttemptsAsync("steps", "r1", new NodeInstance("call")));
        Assert.Equal(NodeState.Failed, attempt.State);
    }

    private Task<NodeStepResult> StepAsync(string nodeId, int attempt) =>
        _harness.Services.GetRequiredService<RunNodeStepActivity>().RunAsync(new NodeStepInput
        {
            DagId = "steps", RunId = "r1", DagHash = _harness.Hash, NodeId = nodeId, Attempt = attempt, Step = 1,
        }, CancellationToken.None);
}
