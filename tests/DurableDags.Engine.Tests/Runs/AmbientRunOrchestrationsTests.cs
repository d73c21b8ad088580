using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Tests.Runs;

/// <summary>
/// Per-call orchestrations, as the Functions app uses them, here over two embedded engines on
/// separate stores: each holds a run waiting for an approval, so an event reaches only the
/// engine whose orchestrations are in use.
/// </summary>
public sealed class AmbientRunOrchestrationsTests : IAsyncLifetime
{
    private const string Dag = """
        id: gate
        nodes:
          wait: { type: approval, with: { event: go, timeout: 1d } }
        """;

    private readonly DagRunHarness _a = new();
    private readonly DagRunHarness _b = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task A_launcher_on_ambient_orchestrations_starts_runs_on_the_engine_in_use()
    {
        await _a.StartAsync();
        await _a.PutDagAsync("quick", "id: quick\nnodes:\n  a: { type: noop }\n");
        var launcher = new RunLauncher(_a.Store, new AmbientRunOrchestrations(), _a.Services.GetRequiredService<RerunPreparation>(),
            new DurableDagsEngineOptions(), _a.Time);

        using (AmbientRunOrchestrations.Use(new EmbeddedRunOrchestrations(_a.Engine)))
        {
            Assert.True((await launcher.StartRunAsync(new RunLaunch { DagId = "quick", RunId = "r1" }, EngineHarness.Deadline())).Created);
        }

        Assert.Equal(RunState.Succeeded, (await _a.WaitAsync("quick")).State);
    }

    [Fact]
    public async Task Without_orchestrations_in_use_a_call_fails_saying_what_the_host_must_do()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new AmbientRunOrchestrations().RaiseEventAsync("gate.r1", "go", null, EngineHarness.Deadline()));

        Assert.Contains("AmbientRunOrchestrations.Use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scope_puts_back_the_orchestrations_it_replaced_and_concurrent_calls_each_see_their_own()
    {
        await StartWaitingRunAsync(_a, "a1");
        await StartWaitingRunAsync(_b, "b1");
        var ambient = new AmbientRunOrchestrations();
        var inA = new EmbeddedRunOrchestrations(_a.Engine);
        var inB = new EmbeddedRunOrchestrations(_b.Engine);
        var onlyInA = DagActivityNames.InstanceIdOf("gate", "a1");

        using (AmbientRunOrchestrations.Use(inB))
        {
            Assert.False(await ambient.RaiseEventAsync(onlyInA, "other", null, EngineHarness.Deadline()));
            using (AmbientRunOrchestrations.Use(inA))
            {
                Assert.True(await ambient.RaiseEventAsync(onlyInA, "other", null, EngineHarness.Deadline()));
            }

            Assert.False(await ambient.RaiseEventAsync(onlyInA, "other", null, EngineHarness.Deadline()));
        }

        var calls = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var scope = AmbientRunOrchestrations.Use(i % 2 == 0 ? inA : inB);
            await Task.Yield();
            return await ambient.RaiseEventAsync(onlyInA, "other", null, EngineHarness.Deadline());
        }));
        var delivered = await Task.WhenAll(calls);
        Assert.Equal([true, false, true, false, true, false, true, false], delivered);
    }

    private static async Task StartWaitingRunAsync(DagRunHarness harness, string runId)
    {
        await harness.StartAsync();
        await harness.PutDagAsync("gate", Dag);
        await harness.StartRunAsync("gate", runId);
        await EngineHarness.UntilAsync(async () =>
            (await harness.Store.GetNodeAsync("gate", runId, new NodeInstance("wait"), EngineHarness.Deadline()))?.Value.State == NodeState.Waiting);
    }
}
