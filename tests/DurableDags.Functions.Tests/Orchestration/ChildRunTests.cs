using DurableDags.Core.States;
using DurableDags.Functions.Orchestration;
using DurableDags.Functions.Tests.Hosting;
using DurableDags.Orchestration.Contracts;
using Microsoft.DurableTask.Client;

namespace DurableDags.Functions.Tests.Orchestration;

/// <summary><c>dag</c> nodes on the real Durable Task worker: child runs as sub-orchestrations.</summary>
public sealed class ChildRunTests : IAsyncLifetime
{
    private DurableWorkerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await DurableWorkerHost.StartAsync();
        await _host.PutDagAsync("ok", "id: ok\nnodes:\n  a: { type: noop }\n");
        await _host.PutDagAsync("broken", "id: broken\nnodes:\n  a: { type: http, with: { url: \"http://127.0.0.1:1/nothing\" } }\n");
        await _host.PutDagAsync("held", "id: held\nnodes:\n  gate: { type: approval, with: { event: go } }\n");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_succeeding_child_succeeds_its_node_and_a_failing_child_fails_its_node_with_the_childs_error()
    {
        await _host.PutDagAsync("parent", """
            id: parent
            nodes:
              good: { type: dag, with: { dagId: ok } }
              bad: { type: dag, with: { dagId: broken } }
            """);
        await _host.StartRunAsync("parent");

        var result = await _host.WaitAsync("parent");

        Assert.Equal(RunState.Failed, result.State);
        Assert.Equal(NodeState.Succeeded, (await _host.NodeAsync("parent", "good")).State);
        var bad = await _host.NodeAsync("parent", "bad");
        Assert.Equal(NodeState.Failed, bad.State);
        Assert.StartsWith("child run '", bad.Error, StringComparison.Ordinal);
        Assert.Contains("of DAG 'broken' ended failed", bad.Error, StringComparison.Ordinal);
        var child = bad.Output!.Value.GetProperty("runId").GetString()!;
        Assert.Equal(RunState.Failed, (await _host.RunAsync("broken", child)).State);
    }

    [Fact]
    public async Task A_child_terminated_from_outside_fails_its_node_saying_so()
    {
        await _host.PutDagAsync("parent", "id: parent\nnodes:\n  sub: { type: dag, with: { dagId: held } }\n");
        await _host.StartRunAsync("parent");
        // A child run's id is its parent run's, node's and attempt's.
        const string child = "r1-sub-a1";
        await _host.UntilNodeAsync("held", "gate", n => n.State == NodeState.Waiting, child);

        await _host.Client.TerminateInstanceAsync(DagActivityNames.InstanceIdOf("held", child), "ended by an operator");
        var result = await _host.WaitAsync("parent");

        Assert.Equal(RunState.Failed, result.State);
        var sub = await _host.NodeAsync("parent", "sub");
        Assert.Equal(NodeState.Failed, sub.State);
        Assert.Contains(DagRunOrchestratorFunction.TerminatedChildError, sub.Error, StringComparison.Ordinal);
    }
}
