using System.Text.Json;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Registry;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Runs;

/// <summary>
/// What hosts do to runs: start, cancel, send an event, rerun. The embedded engine implements it
/// here; the Functions app implements it with DurableTaskClient, against the same orchestrator.
/// </summary>
public interface IRunLauncher
{
    /// <summary>Creates the run record and starts its orchestration; a repeated run id or idempotency key returns the existing run.</summary>
    Task<RunStart> StartRunAsync(RunLaunch launch, CancellationToken cancellationToken);

    /// <summary>No new node starts; waiting nodes end cancelled. False when the run is finished or unknown.</summary>
    Task<bool> CancelRunAsync(string dagId, string runId, CancellationToken cancellationToken);

    /// <summary>Delivers an event (an approval) to the nodes of the run waiting for it; kept if none waits yet.</summary>
    Task<bool> RaiseEventAsync(string dagId, string runId, string eventName, JsonElement? payload, CancellationToken cancellationToken);

    /// <summary>
    /// Asks a running run's orchestration to end a waiting node with a state set by hand
    /// (<see cref="DagActivityNames.MarkEvent"/>); false when the run is finished or unknown.
    /// </summary>
    Task<bool> MarkWaitingNodeAsync(string dagId, string runId, NodeMarkEvent mark, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a new run of a finished run's version and params that keeps the nodes the rerun does
    /// not clear (see <see cref="RunRerun"/> and <see cref="RerunPreparation"/>); a repeated new run
    /// id returns the existing run.
    /// </summary>
    Task<RunStart> RerunAsync(RunRerun rerun, CancellationToken cancellationToken);
}

/// <summary>A request to start a run of a DAG: of the version its params were bound against, or of the current one.</summary>
public sealed record RunLaunch
{
    public required string DagId { get; init; }

    /// <summary>
    /// The content hash of the version to pin the run to: the one the caller bound
    /// <see cref="Params"/> against, so a version stored in between cannot get params meant for
    /// another. Null: the version current when the run is created.
    /// </summary>
    public string? DagHash { get; init; }

    /// <summary>
    /// The record of the version <see cref="DagHash"/> names, when the caller read it already (a
    /// trigger has it from the registry entry): the start then does not read it again. Ignored
    /// unless its hash is <see cref="DagHash"/>.
    /// </summary>
    public DagVersion? Version { get; init; }

    /// <summary>Validated parameters with defaults applied (the caller validates against the DAG's params).</summary>
    public JsonElement? Params { get; init; }

    public DateTimeOffset? LogicalDate { get; init; }

    /// <summary>Null: a new id is made from the start time.</summary>
    public string? RunId { get; init; }

    public string? IdempotencyKey { get; init; }

    public RunTrigger Trigger { get; init; } = new() { Kind = TriggerKind.Http };
}
