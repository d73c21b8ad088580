namespace DurableDags.Orchestration.Context;

/// <summary>
/// What the DAG-run orchestrator may do, and nothing more. It mirrors the parts of Durable
/// Functions' TaskOrchestrationContext we use, so the Functions app adapts it in a few lines and
/// the embedded engine implements it with its own persisted history. Every task returned here is
/// durable: after a restart it completes from history, so the orchestrator may await only these.
/// </summary>
public interface IDagOrchestrationContext
{
    /// <summary>Derived from dag id and run id; stable across replays and restarts.</summary>
    string InstanceId { get; }

    /// <summary>The replay-safe current time: the time this step of the orchestration was first run.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>True while old history is replayed; used only to keep logs from repeating.</summary>
    bool IsReplaying { get; }

    /// <summary>Runs an activity (the only place I/O happens) and returns its result.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input);

    /// <summary>Runs another orchestration as a child with the given instance id and waits for it.</summary>
    Task<TResult> CallSubOrchestratorAsync<TResult>(string name, string instanceId, object? input);

    /// <summary>A durable timer: nothing holds compute while it waits. Cancelling it ends it early.</summary>
    Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken);

    /// <summary>Waits for an event raised from outside (approvals, cancel requests).</summary>
    Task<TEvent> WaitForExternalEvent<TEvent>(string eventName, CancellationToken cancellationToken);

    /// <summary>Publishes a small status object that clients can read while the run goes on.</summary>
    void SetCustomStatus(object? status);

    /// <summary>
    /// Restarts this orchestration with new input and empty history, so history stays bounded on
    /// very large runs. Events that arrived and were not yet handled are kept.
    /// </summary>
    void ContinueAsNew(object? newInput);
}
