using DurableDags.Orchestration.Contracts;
using DurableDags.Orchestration.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableDags.Functions.Orchestration;

/// <summary>The DAG-run orchestrator on Durable Functions: the shared orchestrator on an adapted context.</summary>
public static class DagRunOrchestratorFunction
{
    /// <summary>
    /// What a child run's failure says when Durable Task gives no details: it does so only for a
    /// sub-orchestration that was terminated (from outside, or by a forced cancel).
    /// </summary>
    public const string TerminatedChildError = "the child run's orchestration was terminated (cancelled from outside) before it ended";

    [Function(DagActivityNames.DagRunOrchestrator)]
    public static Task<DagRunResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, DagRunInput input) =>
        DagRunOrchestrator.RunAsync(new TaskOrchestrationContextAdapter(context), input);
}
