using DurableDags.Orchestration.Contracts;
using DurableDags.Orchestration.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableDags.Functions.Orchestration;

/// <summary>The DAG-run orchestrator on Durable Functions: the shared orchestrator on an adapted context.</summary>
public static class DagRunOrchestratorFunction
{
    [Function(DagActivityNames.DagRunOrchestrator)]
    public static Task<DagRunResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, DagRunInput input) =>
        DagRunOrchestrator.RunAsync(new TaskOrchestrationContextAdapter(context), input);
}
