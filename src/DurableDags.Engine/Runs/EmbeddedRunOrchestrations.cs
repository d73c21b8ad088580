using System.Text.Json;
using DurableDags.Engine.Embedded;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Engine.Runs;

/// <summary>Run orchestrations on the in-process engine.</summary>
/// <param name="starts">The launcher's queue of starts, if the caller has one.</param>
internal sealed class EmbeddedRunOrchestrations(EmbeddedOrchestrationEngine engine, RunStartQueue? starts = null) : IRunOrchestrations
{
    public Task<bool> StartAsync(DagRunInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return engine.StartNewAsync(DagActivityNames.DagRunOrchestrator, DagActivityNames.InstanceIdOf(input.DagId, input.RunId), input, cancellationToken);
    }

    /// <summary>A run whose start is still queued is started first, so the event (a cancel too) reaches its orchestration.</summary>
    public async Task<bool> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken)
    {
        if (starts is not null)
        {
            await starts.StartIfQueuedAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }

        return await engine.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null
            && await engine.RaiseEventAsync(instanceId, eventName, payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Nothing to do: an embedded instance takes events until it has ended, so one that cannot take
    /// the cancel event has ended or never existed.
    /// </summary>
    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
