using System.Text.Json;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Engine.Runs;

/// <summary>
/// What a host's orchestration engine does with one run's orchestration instance, and nothing
/// more: the embedded engine implements it in process, the Functions app with DurableTaskClient.
/// Everything else about launching runs (records, idempotency, reruns) is <see cref="RunLauncher"/>,
/// shared by both.
/// </summary>
public interface IRunOrchestrations
{
    /// <summary>
    /// Starts the DAG-run orchestrator as instance <see cref="DagActivityNames.InstanceIdOf"/> of
    /// the input's DAG and run. False when that instance exists already: it is left as it is.
    /// </summary>
    Task<bool> StartAsync(DagRunInput input, CancellationToken cancellationToken);

    /// <summary>Delivers an event to the instance. False when it does not exist, has ended, or cannot take events now.</summary>
    Task<bool> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken);

    /// <summary>Ends the instance without its orchestrator's say, if it still exists and has not ended.</summary>
    Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken);
}
