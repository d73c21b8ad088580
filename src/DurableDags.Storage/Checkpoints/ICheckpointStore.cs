using System.Text.Json;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Registry;
using DurableDags.Storage.Runs;

namespace DurableDags.Storage.Checkpoints;

/// <summary>
/// Everything the engine and the server keep: the DAG registry, runs, node and attempt records,
/// outputs and logs. Ids are checked before they reach a key (<see cref="ArgumentException"/>);
/// known secrets are redacted from everything written.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The raw store, for the engine's own areas under <see cref="CheckpointKeys.Timers"/> and its siblings.</summary>
    IObjectStore Objects { get; }

    /// <summary>Stores a definition as a new version unless its content is already a version.</summary>
    Task<DagPutResult> PutDagAsync(string dagId, string source, string sourceFile, CancellationToken cancellationToken = default);

    Task<DagEntry?> GetDagAsync(string dagId, CancellationToken cancellationToken = default);

    /// <summary>Every DAG's entry, by id.</summary>
    Task<IReadOnlyList<DagEntry>> ListDagsAsync(CancellationToken cancellationToken = default);

    /// <summary>The source of one version, by its hash; null if there is no such version.</summary>
    Task<string?> GetDagSourceAsync(string dagId, string hash, CancellationToken cancellationToken = default);

    /// <summary>One version by its content hash; null if there is no such version.</summary>
    Task<DagVersion?> GetDagVersionAsync(string dagId, string hash, CancellationToken cancellationToken = default);

    /// <summary>Versions newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DagVersion>> ListDagVersionsAsync(string dagId, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The updated entry, or null for an unknown DAG.</summary>
    Task<DagEntry?> SetDagPausedAsync(string dagId, bool paused, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the run unless its id exists, or, with an idempotency key, unless the key was used:
    /// then the run the key (or id) first started is returned, with Created false.
    /// </summary>
    Task<RunStart> StartRunAsync(RunRecord run, string? idempotencyKey = null, CancellationToken cancellationToken = default);

    Task<Versioned<RunRecord>?> GetRunAsync(string dagId, string runId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the run if its ETag is still <paramref name="ifMatch"/>: the new ETag, or null on a conflict.</summary>
    Task<string?> TryReplaceRunAsync(RunRecord run, string ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="change"/> until it lands on the current record; null for an unknown run.</summary>
    Task<Versioned<RunRecord>?> UpdateRunAsync(string dagId, string runId, Func<RunRecord, RunRecord> change, CancellationToken cancellationToken = default);

    Task<RunPage> ListRunsAsync(string dagId, RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Unfinished runs, oldest first, of one DAG or of all.</summary>
    Task<IReadOnlyList<RunRecord>> ListActiveRunsAsync(string? dagId = null, CancellationToken cancellationToken = default);

    /// <summary>Writes one node record; with <paramref name="ifMatch"/>, only on that ETag. The new ETag, or null on a conflict.</summary>
    Task<string?> PutNodeAsync(NodeRecord node, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>Writes one node record only where none exists yet. Its ETag, or null when one already exists.</summary>
    Task<string?> CreateNodeAsync(NodeRecord node, CancellationToken cancellationToken = default);

    Task<Versioned<NodeRecord>?> GetNodeAsync(string dagId, string runId, NodeInstance node, CancellationToken cancellationToken = default);

    /// <summary>Every node record of the run; large outputs stay referenced by <see cref="NodeRecord.OutputRef"/>.</summary>
    Task<IReadOnlyList<NodeRecord>> ListNodesAsync(string dagId, string runId, CancellationToken cancellationToken = default);

    /// <summary>The node's output wherever it is stored.</summary>
    Task<JsonElement?> ReadOutputAsync(NodeRecord node, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes an attempt as a record of its own: an attempt a later one replaced as its node's
    /// <see cref="NodeRecord.LatestAttempt"/>, or a copy for a rerun.
    /// </summary>
    Task PutAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken = default);

    /// <summary>Every attempt of the node instance, oldest first: the archived ones and its record's latest.</summary>
    Task<IReadOnlyList<AttemptRecord>> ListAttemptsAsync(string dagId, string runId, NodeInstance node, CancellationToken cancellationToken = default);

    /// <summary>As the other overload, for a node record already read.</summary>
    Task<IReadOnlyList<AttemptRecord>> ListAttemptsAsync(NodeRecord node, CancellationToken cancellationToken = default);

    /// <summary>Writes chunk <paramref name="sequence"/> (0, 1, 2…) of an attempt's log; false if it was written before.</summary>
    Task<bool> AppendLogAsync(string dagId, string runId, NodeInstance node, int attempt, int sequence, string text, CancellationToken cancellationToken = default);

    /// <summary>
    /// The attempt's log so far (its chunks, then the part written with its end), or null when it
    /// has written none.
    /// </summary>
    Task<string?> ReadLogAsync(string dagId, string runId, NodeInstance node, int attempt, CancellationToken cancellationToken = default);

    /// <summary>As the other overload, for an attempt already read (it holds the part written with its end).</summary>
    Task<string?> ReadLogAsync(AttemptRecord attempt, CancellationToken cancellationToken = default);

    /// <summary>Deletes a run with its nodes, attempts, outputs and logs; false when there was no such run.</summary>
    Task<bool> DeleteRunAsync(string dagId, string runId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a DAG's registry entry, versions and history (not its runs); false when it was not registered.</summary>
    Task<bool> DeleteDagAsync(string dagId, CancellationToken cancellationToken = default);
}
