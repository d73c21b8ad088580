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
public sealed class HistoryBoundTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Budget = DagRunInput.DefaultHistoryEventBudget;

    /// <summary>A node that succeeds at once but, unlike a noop, through an activity: a wait for an instant long past.</summary>
    private const string Passed = "type: wait, with: { until: \"2000-01-01T00:00:00Z\" }";
    private readonly DagRunHarness _harness = new() { HistoryEventBudget = Budget };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_10000_node_run_completes_and_no_generation_of_its_orchestration_sees_more_events_than_the_budget()
    {
        const int nodes = 10_000;
        var yaml = new StringBuilder("id: big\nmaxParallelNodes: 64\nnodes:\n");
        for (var i = 0; i < nodes; i++)
        {
            // 100 chains of 100: every node but the first of a chain waits for the one before.
            yaml.Append(i < 100 ? $"  n{i}: {{ {Passed} }}\n" : $"  n{i}: {{ {Passed}, needs: [n{i - 100}] }}\n");
        }

        await _harness.StartAsync();
        await _harness.PutDagAsync("big", yaml.ToString());
        var clock = Stopwatch.StartNew();
        await _harness.StartRunAsync("big");
        var result = await _harness.Launcher.WaitForRunAsync("big", "r1", new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
        clock.Stop();

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        var instance = await _harness.Engine.GetInstanceAsync(DagActivityNames.InstanceIdOf("big", "r1"), EngineHarness.Deadline());
        output.WriteLine($"{nodes} nodes in {clock.Elapsed.TotalSeconds:F1} s: {instance!.Generation + 1} generations, " +
            $"at most {instance.MaxGenerationEvents} events in one, {instance.TotalEvents} in all");
        // The budget counts the 4 events Durable Task writes per call (its episodes' start and end
        // included); this engine writes 2, so a generation fills a little under half of it.
        Assert.InRange(instance.MaxGenerationEvents, Budget * 2 / 5, Budget);
        Assert.True(instance.Generation >= nodes * 2 / Budget, $"only {instance.Generation + 1} generations");
        var last = await _harness.Store.GetNodeAsync("big", "r1", new NodeInstance($"n{nodes - 1}"), EngineHarness.Deadline());
        Assert.Equal(NodeState.Succeeded, last!.Value.State);
    }

    [Fact]
    public async Task Waiting_nodes_are_carried_across_ContinueAsNew_and_rearmed_from_the_snapshot()
    {
        var polls = 0;
        await using var server = await Operators.Testing.LoopbackServer.StartAsync(app =>
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/status",
                () => Microsoft.AspNetCore.Http.Results.Json(new { ready = Interlocked.Increment(ref polls) >= 2 })));
        await using var small = new DagRunHarness { HistoryEventBudget = 120 };
        var yaml = new StringBuilder($$$"""
            id: mixed
            maxParallelNodes: 4
            nodes:
              gate: { type: approval, with: { event: approve } }
              ready: { type: sensor, with: { http: { url: "{{{server.Url("/status")}}}" }, pollInterval: 1m, condition: "${{ response.body.ready }}" } }
              final: { needs: [gate, ready], type: noop }

            """);
        for (var i = 0; i < 60; i++)
        {
            yaml.Append($"  n{i}: {{ {Passed} }}\n");
        }

        await small.StartAsync();
        await small.PutDagAsync("mixed", yaml.ToString());
        await small.StartRunAsync("mixed");
        var id = DagActivityNames.InstanceIdOf("mixed", "r1");
        await EngineHarness.UntilAsync(async () =>
            await small.Store.GetNodeAsync("mixed", "r1", new NodeInstance("n59"), EngineHarness.Deadline()) is { Value.State: NodeState.Succeeded }
            && (await small.Engine.GetInstanceAsync(id, EngineHarness.Deadline()))!.Generation >= 2);

        Assert.True(await small.Launcher.RaiseEventAsync("mixed", "r1", "approve", null, EngineHarness.Deadline()));
        small.Time.Advance(TimeSpan.FromMinutes(1));
        var result = await small.WaitAsync("mixed");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(2, polls);
        var instance = await small.Engine.GetInstanceAsync(id, EngineHarness.Deadline());
        Assert.InRange(instance!.MaxGenerationEvents, 1, 120);
    }

    [Fact]
    public async Task Noop_nodes_end_inside_the_orchestrator_without_an_activity_each()
    {
        const int nodes = 300;
        var yaml = new StringBuilder("id: joins\nnodes:\n");
        for (var i = 0; i < nodes; i++)
        {
            // A chain, so every node is started by the end of the one before, in the same turn.
            yaml.Append(i == 0 ? "  n0: { type: noop }\n" : $"  n{i}: {{ type: noop, needs: [n{i - 1}] }}\n");
        }

        await _harness.StartAsync();
        await _harness.PutDagAsync("joins", yaml.ToString());
        await _harness.StartRunAsync("joins");
        var result = await _harness.Launcher.WaitForRunAsync("joins", "r1", EngineHarness.Deadline());

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        var instance = await _harness.Engine.GetInstanceAsync(DagActivityNames.InstanceIdOf("joins", "r1"), EngineHarness.Deadline());
        Assert.InRange(instance!.TotalEvents, 1, 40);
        var last = (await _harness.Store.GetNodeAsync("joins", "r1", new NodeInstance($"n{nodes - 1}"), EngineHarness.Deadline()))!.Value;
        Assert.Equal((NodeState.Succeeded, 1), (last.State, last.Attempts));
        var attempt = Assert.Single(await _harness.Store.ListAttemptsAsync(last, EngineHarness.Deadline()));
        Assert.Equal(NodeState.Succeeded, attempt.State);
    }
}
