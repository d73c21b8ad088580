using DurableDags.Functions.Orchestration;
using DurableDags.Orchestration.Contracts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableDags.Functions.Tests.Hosting;

/// <summary>
/// The Functions app's orchestrator function and activity functions, registered on the Durable
/// Task worker under the names the app's [Function] attributes give them. Each registration is a
/// one-line call into the app's own method: the code under test is the app's.
/// </summary>
internal static class AppTasks
{
    public static void Register(DurableTaskRegistry tasks, DagActivityFunctions functions, Func<DurableTaskClient> client)
    {
        tasks.AddOrchestratorFunc<DagRunInput, DagRunResult>(DagActivityNames.DagRunOrchestrator, DagRunOrchestratorFunction.RunAsync);
        tasks.AddActivityFunc<LoadDagInput, LoadedDag>(DagActivityNames.LoadDagVersion,
            (_, input) => functions.LoadDagVersionAsync(input, CancellationToken.None));
        tasks.AddActivityFunc<ResolveNodeInput, ResolveNodeResult>(DagActivityNames.ResolveNode,
            (_, input) => functions.ResolveNodeAsync(input, CancellationToken.None));
        tasks.AddActivityFunc<NodeStepInput, NodeStepResult>(DagActivityNames.RunNodeStep,
            (_, input) => functions.RunNodeStepAsync(input, client(), CancellationToken.None));
        tasks.AddActivityFunc<CancelChildRunsInput, int>(DagActivityNames.CancelChildRuns,
            (_, input) => functions.CancelChildRunsAsync(input, client(), CancellationToken.None));
        tasks.AddActivityFunc<RecordNodeStatesInput, int>(DagActivityNames.RecordNodeStates,
            (_, input) => functions.RecordNodeStatesAsync(input, CancellationToken.None));
        tasks.AddActivityFunc<FinalizeRunInput, bool>(DagActivityNames.FinalizeRun,
            (_, input) => functions.FinalizeRunAsync(input, CancellationToken.None));
    }
}
