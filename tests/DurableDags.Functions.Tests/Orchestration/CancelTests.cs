using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Functions.Tests.Hosting;
using DurableDags.Orchestration.Contracts;
using Microsoft.DurableTask.Client;

namespace DurableDags.Functions.Tests.Orchestration;

/// <summary>Cancelling runs on the real Durable Task worker, with child runs waiting on approvals.</summary>
public sealed class CancelTests : IAsyncLifetime
{
    private DurableWorkerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DurableWorkerHost.StartAsync();
        await _host.PutDagAsync("held", "id: held\nnodes:\n  gate: { type: approval, with: { event: go } }\n");
        await _host.PutDagAsync("parent", """
            id: parent
            nodes:
              gate: { type: approval, with: { event: go } }
              sub: { type: dag, with: { dagId: held } }
            """);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Cancelling_a_running_run_ends_its_waiting_nodes_and_its_child_run_cancelled()
    {
        await _host.StartRunAsync("parent");
        // A child run's id is its parent run's, node's and attempt's.
        const string child = "r1-sub-a1";
        await _host.UntilNodeAsync("held", "gate", n => n.State == NodeState.Waiting, child);

        Assert.True(await _host.WithClientAsync(l => l.CancelRunAsync("parent", "r1", EngineHarness.Deadline())));
        var result = await _host.WaitAsync("parent");

        Assert.Equal(RunState.Cancelled, result.State);
        Assert.Equal(NodeState.Cancelled, (await _host.NodeAsync("parent", "gate")).State);
        Assert.Equal(RunState.Cancelled, (await _host.RunAsync("held", child)).State);
    }

    [Fact]
    public async Task Cancelling_a_suspended_run_ends_it_and_cancels_its_child_runs_too()
    {
        await _host.StartRunAsync("parent");
        // A child run's id is its parent run's, node's and attempt's.
        const string child = "r1-sub-a1";
        await _host.UntilNodeAsync("held", "gate", n => n.State == NodeState.Waiting, child);
        var parentId = DagActivityNames.InstanceIdOf("parent", "r1");
        await _host.Client.SuspendInstanceAsync(parentId, "held by an operator");
        await EngineHarness.UntilAsync(async () =>
            (await _host.Client.GetInstanceAsync(parentId))?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        Assert.True(await _host.WithClientAsync(l => l.CancelRunAsync("parent", "r1", EngineHarness.Deadline())));

        var parent = await _host.RunAsync("parent");
        Assert.Equal((RunState.Cancelled, RunLauncher.ForcedCancelError), (parent.State, parent.Error));
        await EngineHarness.UntilAsync(async () =>
            (await _host.Client.GetInstanceAsync(parentId))?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated);
        // The child took the cancel event and ended cleanly, recording its end.
        await _host.Client.WaitForInstanceCompletionAsync(DagActivityNames.InstanceIdOf("held", child), EngineHarness.Deadline());
        Assert.Equal(RunState.Cancelled, (await _host.RunAsync("held", child)).State);
        Assert.Empty(await _host.Store.ListActiveRunsAsync(null, EngineHarness.Deadline()));
    }
}
