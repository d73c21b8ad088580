using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Runs;
using DurableDags.Storage.Nodes;

namespace DurableDags.Engine.Tests.Activities;

/// <summary>Child runs of <c>dag</c> nodes get their params bound against the child DAG, as a trigger's are.</summary>
public sealed class ChildRunStarterTests : IAsyncLifetime
{
    private readonly DagRunHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_child_run_gets_the_defaults_of_its_dag_including_expression_defaults()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("child", """
            id: child
            params:
              n: { type: number, default: 1 }
              tag: { type: string, default: "${{ run.id }}" }
              day: { type: string, default: "${{ run.logicalDate }}" }
              given: { type: string }
            nodes:
              work: { type: noop }
            """);
        await _harness.PutDagAsync("parent", """
            id: parent
            nodes:
              sub: { type: dag, with: { dagId: child, params: { given: "x" } } }
            """);

        await _harness.StartRunAsync("parent");
        var result = await _harness.WaitAsync("parent");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        var child = await _harness.RunAsync("child", "r1-sub-a1");
        Assert.Equal("""{"n":1,"tag":"r1-sub-a1","day":"2026-01-01T00:00:00Z","given":"x"}""", child.Params.GetRawText());
    }

    [Fact]
    public async Task Bad_child_params_fail_the_dag_node_without_retry_naming_every_bad_param_and_start_no_child_run()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("child", """
            id: child
            params:
              n: { type: number }
              mode: { type: string, enum: [fast, full] }
              region: { type: string }
            nodes:
              work: { type: noop }
            """);
        await _harness.PutDagAsync("parent", """
            id: parent
            defaults: { retries: 2 }
            nodes:
              waits: { type: dag, with: { dagId: child, params: { n: "seven", mode: slow, colour: red } } }
              fires: { type: dag, with: { dagId: child, wait: false, params: { n: "seven", mode: slow, colour: red } } }
            """);

        await _harness.StartRunAsync("parent");
        var result = await _harness.WaitAsync("parent");

        Assert.Equal(RunState.Failed, result.State);
        foreach (var node in new[] { "waits", "fires" })
        {
            var record = (await _harness.Store.GetNodeAsync("parent", "r1", new NodeInstance(node), EngineHarness.Deadline()))!.Value;
            Assert.Equal((NodeState.Failed, 1), (record.State, record.Attempts));
            Assert.Equal(
                "the params of child DAG 'child' (version 1) are not valid: "
                + "params.colour: 'colour' is not a parameter of DAG 'child' (it takes n, mode, region); "
                + "params.n: expected a number, got \"seven\"; "
                + "params.mode: \"slow\" is not one of the allowed values: \"fast\", \"full\"; "
                + "params.region: required parameter 'region' (string) is missing",
                record.Error);
            Assert.Null(await _harness.Store.GetRunAsync("child", $"r1-{node}-a1", EngineHarness.Deadline()));
        }
    }
}
