using DurableDags.Orchestration.Context;
using Microsoft.DurableTask;

namespace DurableDags.Functions.Orchestration;

/// <summary>
/// Durable Functions' orchestration context as the DAG-run orchestrator's, call for call; the
/// embedded engine implements the same interface. The only translation is of failures: an
/// activity or sub-orchestration that failed surfaces as <see cref="OrchestrationTaskFailedException"/>,
/// the one failure type the orchestrator catches on every host. Every activity is called with
/// <see cref="StorageOutageRetry"/>: a storage outage delays it, never fails it.
/// </summary>
internal sealed class TaskOrchestrationContextAdapter(TaskOrchestrationContext context) : IDagOrchestrationContext
{
    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input) =>
        Translate(context.CallActivityAsync<TResult>(name, input, StorageOutageRetry.Options), "the activity failed without details");

    public Task<TResult> CallSubOrchestratorAsync<TResult>(string name, string instanceId, object? input) =>
        Translate(context.CallSubOrchestratorAsync<TResult>(name, input: input, options: new SubOrchestrationOptions { InstanceId = instanceId }),
            DagRunOrchestratorFunction.TerminatedChildError);

    public Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken) =>
        context.CreateTimer(fireAtUtc, cancellationToken);

    public Task<TEvent> WaitForExternalEvent<TEvent>(string eventName, CancellationToken cancellationToken) =>
        context.WaitForExternalEvent<TEvent>(eventName, cancellationToken);

    public void SetCustomStatus(object? status) => context.SetCustomStatus(status);

    public void ContinueAsNew(object? newInput) => context.ContinueAsNew(newInput, preserveUnprocessedEvents: true);

    // Awaited on the orchestration's own scheduler (no ConfigureAwait): the continuation is part of the replay.
    // FailureDetails is declared non-null but is null for a terminated sub-orchestration.
    private static async Task<TResult> Translate<TResult>(Task<TResult> task, string withoutDetails)
    {
        try
        {
            return await task;
        }
        catch (TaskFailedException e)
        {
            throw new OrchestrationTaskFailedException(e.TaskName, e.FailureDetails?.ErrorMessage ?? withoutDetails);
        }
    }
}
