using System.Text.Json;
using DurableDags.Storage.Logs;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Registry;
using DurableDags.Storage.Runs;

namespace DurableDags.Storage.Checkpoints;

/// <summary>
/// The checkpoint store over any <see cref="IObjectStore"/>: a folder locally, Blob Storage on
/// Azure. Each concern lives in its own part; this class only joins them behind one interface.
/// </summary>
public sealed class CheckpointStore : ICheckpointStore
{
    private readonly DagRegistry _registry;
    private readonly RunCatalog _runs;
    private readonly NodeCheckpoints _nodes;
    private readonly AttemptLogs _logs;
    private readonly CheckpointDeletion _deletion;

    public CheckpointStore(IObjectStore objects, CheckpointStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        options ??= new CheckpointStoreOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.InlineOutputLimit);
        var records = new RecordStore(objects, options.Redactor);
        Objects = objects;
        _registry = new DagRegistry(records, options.Time);
        _runs = new RunCatalog(records);
        _nodes = new NodeCheckpoints(records, options.InlineOutputLimit);
        _logs = new AttemptLogs(records);
        _deletion = new CheckpointDeletion(records);
    }

    public IObjectStore Objects { get; }

    public Task<DagPutResult> PutDagAsync(string dagId, string source, string sourceFile, CancellationToken cancellationToken = default) =>
        _registry.PutAsync(dagId, source, sourceFile, cancellationToken);

    public Task<DagEntry?> GetDagAsync(string dagId, CancellationToken cancellationToken = default) =>
        _registry.GetAsync(dagId, cancellationToken);

    public Task<IReadOnlyList<DagEntry>> ListDagsAsync(CancellationToken cancellationToken = default) =>
        _registry.ListAsync(cancellationToken);

    public Task<string?> GetDagSourceAsync(string dagId, string hash, CancellationToken cancellationToken = default) =>
        _registry.GetSourceAsync(dagId, hash, cancellationToken);

    public Task<DagVersion?> GetDagVersionAsync(string dagId, string hash, CancellationToken cancellationToken = default) =>
        _registry.GetVersionAsync(dagId, hash, cancellationToken);

    public Task<IReadOnlyList<DagVersion>> ListDagVersionsAsync(string dagId, int limit = 100, CancellationToken cancellationToken = default) =>
        _registry.ListVersionsAsync(dagId, limit, cancellationToken);

    public Task<DagEntry?> SetDagPausedAsync(string dagId, bool paused, CancellationToken cancellationToken = default) =>
        _registry.SetPausedAsync(dagId, paused, cancellationToken);

    public Task<RunStart> StartRunAsync(RunRecord run, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _runs.StartAsync(run, idempotencyKey, cancellationToken);

    public Task<Versioned<RunRecord>?> GetRunAsync(string dagId, string runId, CancellationToken cancellationToken = default) =>
        _runs.GetAsync(dagId, runId, cancellationToken);

    public Task<string?> TryReplaceRunAsync(RunRecord run, string ifMatch, CancellationToken cancellationToken = default) =>
        _runs.TryReplaceAsync(run, ifMatch, cancellationToken);

    public Task<Versioned<RunRecord>?> UpdateRunAsync(string dagId, string runId, Func<RunRecord, RunRecord> change, CancellationToken cancellationToken = default) =>
        _runs.UpdateAsync(dagId, runId, change, cancellationToken);

    public Task<RunPage> ListRunsAsync(string dagId, RunQuery query, CancellationToken cancellationToken = default) =>
        _runs.ListAsync(dagId, query, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListActiveRunsAsync(string? dagId = null, CancellationToken cancellationToken = default) =>
        _runs.ListActiveAsync(dagId, cancellationToken);

    public Task<string?> PutNodeAsync(NodeRecord node, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        _nodes.PutNodeAsync(node, ifMatch, cancellationToken);

    public Task<string?> CreateNodeAsync(NodeRecord node, CancellationToken cancellationToken = default) =>
        _nodes.CreateNodeAsync(node, cancellationToken);

    public Task<Versioned<NodeRecord>?> GetNodeAsync(string dagId, string runId, NodeInstance node, CancellationToken cancellationToken = default) =>
        _nodes.GetNodeAsync(dagId, runId, node, cancellationToken);

    public Task<IReadOnlyList<NodeRecord>> ListNodesAsync(string dagId, string runId, CancellationToken cancellationToken = default) =>
        _nodes.ListNodesAsync(dagId, runId, cancellationToken);

    public Task<JsonElement?> ReadOutputAsync(NodeRecord node, CancellationToken cancellationToken = default) =>
        _nodes.ReadOutputAsync(node, cancellationToken);

    public Task PutAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken = default) =>
        _nodes.PutAttemptAsync(attempt, cancellationToken);

    public Task<IReadOnlyList<AttemptRecord>> ListAttemptsAsync(string dagId, string runId, NodeInstance node, CancellationToken cancellationToken = default) =>
        _nodes.ListAttemptsAsync(dagId, runId, node, cancellationToken);

    public Task<IReadOnlyList<AttemptRecord>> ListAttemptsAsync(NodeRecord node, CancellationToken cancellationToken = default) =>
        _nodes.ListAttemptsAsync(node, cancellationToken);

    public Task<bool> AppendLogAsync(string dagId, string runId, NodeInstance node, int attempt, int sequence, string text, CancellationToken cancellationToken = default) =>
        _logs.AppendAsync(dagId, runId, node, attempt, sequence, text, cancellationToken);

    public async Task<string?> ReadLogAsync(string dagId, string runId, NodeInstance node, int attempt, CancellationToken cancellationToken = default)
    {
        var attempts = await _nodes.ListAttemptsAsync(dagId, runId, node, cancellationToken).ConfigureAwait(false);
        var tail = attempts.FirstOrDefault(a => a.Attempt == attempt)?.Log;
        return await _logs.ReadAsync(dagId, runId, node, attempt, tail, cancellationToken).ConfigureAwait(false);
    }

    public Task<string?> ReadLogAsync(AttemptRecord attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return _logs.ReadAsync(attempt.DagId, attempt.RunId, attempt.Instance, attempt.Attempt, attempt.Log, cancellationToken);
    }

    public Task<bool> DeleteRunAsync(string dagId, string runId, CancellationToken cancellationToken = default) =>
        _deletion.DeleteRunAsync(dagId, runId, cancellationToken);

    public Task<bool> DeleteDagAsync(string dagId, CancellationToken cancellationToken = default) =>
        _deletion.DeleteDagAsync(dagId, cancellationToken);
}
