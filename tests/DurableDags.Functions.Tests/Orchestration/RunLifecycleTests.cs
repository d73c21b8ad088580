using System.Text;
using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Functions.Tests.Hosting;
using DurableDags.Orchestration.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Functions.Tests.Orchestration;

/// <summary>
/// ContinueAsNew, duplicate starts and reruns on the real Durable Task worker; the history of
/// every generation is counted as the orchestration service commits it.
/// </summary>
public sealed class RunLifecycleTests : IAsyncLifetime
{
    /// <summary>A node that succeeds through an activity: a wait for an instant long past.</summary>
    private const string Passed = "type: wait, with: { until: \"2000-01-01T00:00:00Z\" }";
    private const int Budget = 200;

    private DurableWorkerHost _host = null!;
    private LoopbackServer _server = null!;
    private int _flakyCalls;

    public async Task InitializeAsync()
    {
        _host = await DurableWorkerHost.StartAsync(Budget);
        _server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/flaky", () => Interlocked.Increment(ref _flakyCalls) == 1 ? Results.StatusCode(404) : Results.Json(new { ok = true })));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_run_continues_as_new_across_generations_within_the_budget_and_an_event_raised_between_them_is_kept()
    {
        var yaml = new StringBuilder("""
            id: long
            maxParallelNodes: 4
            nodes:
              gate: { type: approval, with: { event: approve } }
              final: { type: noop, needs: [gate, n149] }

            """);
        for (var i = 0; i < 150; i++)
        {
            yaml.Append(i == 0 ? $"  n0: {{ {Passed} }}\n" : $"  n{i}: {{ {Passed}, needs: [n{i - 1}] }}\n");
        }

        await _host.PutDagAsync("long", yaml.ToString());
        await _host.StartRunAsync("long");
        await EngineHarness.UntilAsync(() => Task.FromResult(_host.GenerationsOf("long").Count >= 2));

        Assert.True(await _host.WithClientAsync(l => l.RaiseEventAsync("long", "r1", "approve", null, EngineHarness.Deadline())));
        var result = await _host.WaitAsync("long");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        var generations = _host.GenerationsOf("long");
        Assert.All(generations, g => Assert.InRange(g.Events, 1, Budget));
        Assert.True(generations.Count >= 4, $"only {generations.Count} generations");
    }

    [Fact]
    public async Task A_second_start_of_a_running_run_leaves_its_orchestration_as_it_is()
    {
        await _host.PutDagAsync("gate", "id: gate\nnodes:\n  approve: { type: approval, with: { event: approve } }\n");
        await _host.StartRunAsync("gate");
        await _host.UntilNodeAsync("gate", "approve", n => n.State == NodeState.Waiting);
        var started = _host.GenerationsOf("gate").Single();

        var again = await _host.StartRunAsync("gate");
        var orchestrationStarted = await _host.WithClientAsync(_ =>
            new DurableDags.Functions.Runs.DurableTaskRunOrchestrations(_host.Client).StartAsync(
                new DagRunInput { DagId = "gate", RunId = "r1", DagHash = again.Run.Value.DagHash, DagVersion = 1 }, EngineHarness.Deadline()));
        Assert.True(await _host.WithClientAsync(l => l.RaiseEventAsync("gate", "r1", "approve", null, EngineHarness.Deadline())));
        var result = await _host.WaitAsync("gate");

        Assert.False(again.Created);
        Assert.False(orchestrationStarted);
        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(started.ExecutionId, Assert.Single(_host.GenerationsOf("gate")).ExecutionId);
        Assert.Equal(1, (await _host.NodeAsync("gate", "approve")).Attempts);
    }

    [Fact]
    public async Task A_failedOnly_rerun_runs_the_failed_node_again_and_keeps_the_rest()
    {
        await _host.PutDagAsync("mixed", $$$"""
            id: mixed
            nodes:
              fine: { type: noop }
              flaky: { type: http, with: { url: "{{{_server.Url("/flaky")}}}" } }
              after: { type: noop, needs: [fine, flaky] }
            """);
        await _host.StartRunAsync("mixed");
        Assert.Equal(RunState.Failed, (await _host.WaitAsync("mixed")).State);

        var rerun = await _host.WithClientAsync(l => l.RerunAsync(new RunRerun { DagId = "mixed", RunId = "r1", NewRunId = "r2", FailedOnly = true }, EngineHarness.Deadline()));
        var result = await _host.WaitAsync("mixed", "r2");

        Assert.True(rerun.Created);
        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal(2, _server.CountOf("/flaky"));
        Assert.Equal(NodeState.Succeeded, (await _host.NodeAsync("mixed", "after", "r2")).State);
    }
}
