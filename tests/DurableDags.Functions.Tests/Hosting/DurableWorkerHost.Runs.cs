using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Runs;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;
using Microsoft.DurableTask.Client;

namespace DurableDags.Functions.Tests.Hosting;

/// <summary>What the scenarios do with runs: put a DAG, start, wait, read records; every wait has the engine tests' deadline.</summary>
public sealed partial class DurableWorkerHost
{
    public async Task PutDagAsync(string dagId, string yaml) =>
        await Store.PutDagAsync(dagId, yaml, $"{dagId}.yaml", EngineHarness.Deadline());

    public Task<RunStart> StartRunAsync(string dagId, string runId = "r1") =>
        WithClientAsync(l => l.StartRunAsync(new RunLaunch { DagId = dagId, RunId = runId, Trigger = new RunTrigger { Kind = TriggerKind.Http } }, EngineHarness.Deadline()));

    /// <summary>Waits for the run's orchestration to end and returns its result; a failure lists every node error.</summary>
    public async Task<DagRunResult> WaitAsync(string dagId, string runId = "r1")
    {
        var instance = await Client.WaitForInstanceCompletionAsync(DagActivityNames.InstanceIdOf(dagId, runId), getInputsAndOutputs: true, EngineHarness.Deadline());
        var result = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? instance.ReadOutputAs<DagRunResult>()!
            : new DagRunResult(runId, RunState.Failed, $"orchestration {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
        return await DagRunHarness.WithNodeErrorsAsync(Store, dagId, runId, result);
    }

    public async Task<RunRecord> RunAsync(string dagId, string runId = "r1") =>
        (await Store.GetRunAsync(dagId, runId, EngineHarness.Deadline()))!.Value;

    public async Task<NodeRecord> NodeAsync(string dagId, string nodeId, string runId = "r1") =>
        (await Store.GetNodeAsync(dagId, runId, new NodeInstance(nodeId), EngineHarness.Deadline()))!.Value;

    /// <summary>Polls the node's record until <paramref name="condition"/> holds.</summary>
    public Task UntilNodeAsync(string dagId, string nodeId, Func<NodeRecord, bool> condition, string runId = "r1") =>
        EngineHarness.UntilAsync(async () => await Store.GetNodeAsync(dagId, runId, new NodeInstance(nodeId), EngineHarness.Deadline()) is { } node && condition(node.Value));

    /// <summary>The generations the meter saw for the run's orchestration, oldest first.</summary>
    internal IReadOnlyList<HistoryMeter.Generation> GenerationsOf(string dagId, string runId = "r1") =>
        Meter.GenerationsOf(DagActivityNames.InstanceIdOf(dagId, runId));
}
