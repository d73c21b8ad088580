using System.Text.Json;
using DurableDags.Engine.Embedded;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Engine.Runs;

/// <summary>Run orchestrations on the in-process engine.</summary>
internal sealed class EmbeddedRunOrchestrations(EmbeddedOrchestrationEngine engine) : IRunOrchestrations
{
    public Task<bool> StartAsync(DagRunInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return engine.StartNewAsync(DagActivityNames.DagRunOrchestrator, DagActivityNames.InstanceIdOf(input.DagId, input.RunId), input, cancellationToken);
    }

    public async Task<bool> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken) =>
        await engine.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null
        && await engine.RaiseEventAsync(instanceId, eventName, payload, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Nothing to do: an embedded instance takes events until it has ended, so one that cannot take
    /// the cancel event has ended or never existed.
    /// </summary>
    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
