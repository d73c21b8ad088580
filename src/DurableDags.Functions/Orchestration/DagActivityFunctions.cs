using DurableDags.Engine.Activities;
using DurableDags.Engine.Alerts;
using DurableDags.Engine.Runs;
using DurableDags.Functions.Runs;
using DurableDags.Orchestration.Contracts;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableDags.Functions.Orchestration;

/// <summary>
/// The DAG-run orchestrator's activities, each a call into the shared activity class. Bindings are
/// the trigger input, the client and a cancellation token only, so the tests call these very
/// methods from activities on the real Durable Task worker.
/// </summary>
public sealed class DagActivityFunctions(
    LoadDagVersionActivity load,
    ResolveNodeActivity resolve,
    RunNodeStepActivity step,
    RecordNodeStatesActivity record,
    FinalizeRunActivity finalize,
    CancelChildRunsActivity cancelChildren,
    SendAlertActivity alert)
{
    [Function(DagActivityNames.LoadDagVersion)]
    public Task<LoadedDag> LoadDagVersionAsync([ActivityTrigger] LoadDagInput input, CancellationToken cancellationToken) =>
        load.RunAsync(input, cancellationToken);

    [Function(DagActivityNames.ResolveNode)]
    public Task<ResolveNodeResult> ResolveNodeAsync([ActivityTrigger] ResolveNodeInput input, CancellationToken cancellationToken) =>
        resolve.RunAsync(input, cancellationToken);

    /// <summary>The client is for a <c>dag</c> node that starts a child run nobody waits for, as any run is started.</summary>
    [Function(DagActivityNames.RunNodeStep)]
    public async Task<NodeStepResult> RunNodeStepAsync([ActivityTrigger] NodeStepInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        using var orchestrations = AmbientRunOrchestrations.Use(new DurableTaskRunOrchestrations(client));
        return await step.RunAsync(input, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The client is for cancelling the child runs a cancelled run's <c>dag</c> nodes wait for.</summary>
    [Function(DagActivityNames.CancelChildRuns)]
    public async Task<int> CancelChildRunsAsync([ActivityTrigger] CancelChildRunsInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        using var orchestrations = AmbientRunOrchestrations.Use(new DurableTaskRunOrchestrations(client));
        return await cancelChildren.RunAsync(input, cancellationToken).ConfigureAwait(false);
    }

    [Function(DagActivityNames.RecordNodeStates)]
    public Task<int> RecordNodeStatesAsync([ActivityTrigger] RecordNodeStatesInput input, CancellationToken cancellationToken) =>
        record.RunAsync(input, cancellationToken);

    [Function(DagActivityNames.SendAlert)]
    public Task<SendAlertResult> SendAlertAsync([ActivityTrigger] SendAlertInput input, FunctionContext context) =>
        alert.RunAsync(input, context.CancellationToken);

    [Function(DagActivityNames.FinalizeRun)]
    public Task<bool> FinalizeRunAsync([ActivityTrigger] FinalizeRunInput input, CancellationToken cancellationToken) =>
        finalize.RunAsync(input, cancellationToken);
}
