using System.Diagnostics;
using System.Text;
using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using Xunit.Abstractions;

namespace DurableDags.Engine.Tests.Runs;

/// <summary>
/// Issue 5, item 2: one orchestration's history must stay bounded however large the DAG, because
/// Durable Functions replays it on every step. The orchestrator continues as new within a budget.
/// </summary>
public sealed class HistoryBoundTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const int Budget = DagRunInput.DefaultHistoryEventBudget;
    private readonly DagRunHarness _harness = new() { HistoryEventBudget = Budget };

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task A_10000_node_run_completes_and_no_generation_of_its_orchestration_sees_more_events_than_the_budget()
    {
        const int nodes = 10_000;
        var yaml = new StringBuilder("id: big\nmaxParallelNodes: 64\nnodes:\n");
        for (var i = 0; i < nodes; i++)
        {
            // 100 chains of 100: every node but the first of a chain waits for the one before.
            yaml.Append(i < 100 ? $"  n{i}: {{ type: noop }}\n" : $"  n{i}: {{ type: noop, needs: [n{i - 100}] }}\n");
        }

        await _harness.StartAsync();
        await _harness.PutDagAsync("big", yaml.ToString());
        var clock = Stopwatch.StartNew();
        await _harness.StartRunAsync("big");
        var result = await _harness.Launcher.WaitForRunAsync("big", "r1", new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
        clock.Stop();

        Assert.Equal(RunState.Succeeded, result.State);
        var instance = await _harness.Engine.GetInstanceAsync(DagActivityNames.InstanceIdOf("big", "r1"), EngineHarness.Deadline());
        output.WriteLine($"{nodes} nodes in {clock.Elapsed.TotalSeconds:F1} s: {instance!.Generation + 1} generations, " +
            $"at most {instance.MaxGenerationEvents} events in one, {instance.TotalEvents} in all");
        Assert.InRange(instance.MaxGenerationEvents, Budget / 2, Budget);
        Assert.True(instance.Generation >= nodes * 2 / Budget, $"only {instance.Generation + 1} generations");
        var last = await _harness.Store.GetNodeAsync("big", "r1", new NodeInstance($"n{nodes - 1}"), EngineHarness.Deadline());
        Assert.Equal(NodeState.Succeeded, last!.Value.State);
    }
}
