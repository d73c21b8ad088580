using System.Text.Json;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Runs;

/// <summary>
/// Sets stored runs going on an engine: the embedded engine locally, Durable Functions on Azure.
/// The API creates every run record first (only if absent), then calls <see cref="StartAsync"/>
/// for the one caller that created it.
/// </summary>
/// <remarks>
/// The contract the server needs from the orchestration branch's launcher; at merge this interface
/// gives way to that one (see the report for issue 4).
/// </remarks>
public interface IRunLauncher
{
    /// <summary>
    /// Starts the orchestration of a queued run whose record exists. Starting a run that is already
    /// started does nothing, so a server that resumes unfinished runs may call it again. A rerun
    /// (<see cref="RunTrigger.RerunOf"/>) keeps the states and outputs of the nodes of the original
    /// run that <see cref="RunTrigger.RerunFrom"/> and <see cref="RunTrigger.FailedOnly"/> do not clear.
    /// </summary>
    Task StartAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>Asks a run to stop: no new node starts and waiting nodes end cancelled.</summary>
    Task CancelAsync(string dagId, string runId, CancellationToken cancellationToken);

    /// <summary>Delivers an event to the run's nodes waiting for it; false when no node waits for it.</summary>
    Task<bool> RaiseEventAsync(string dagId, string runId, string eventName, JsonElement payload, CancellationToken cancellationToken);
}
