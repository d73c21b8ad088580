using System.Collections.Concurrent;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Activities;

/// <summary>
/// Run records as the activities of a run read them for its scope: the run's id, DAG, logical
/// date and params, which never change once the run exists. Read once per run and process instead
/// of once per node step. Only those fields may be read from a cached record: its state and times
/// are as they were when it was first read.
/// </summary>
public sealed class RunRecordCache(ICheckpointStore store)
{
    /// <summary>Enough for every run a host has in flight; past it the cache starts again empty.</summary>
    private const int Capacity = 4_096;

    private readonly ConcurrentDictionary<(string DagId, string RunId), Task<RunRecord>> _runs = new();

    /// <summary>
    /// The run's record; the steps that start together (up to the engine's whole worker pool) share
    /// one read instead of each reading it. A read that fails is not kept: the next caller reads again.
    /// </summary>
    public async Task<RunRecord> GetAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        var key = (dagId, runId);
        if (!_runs.TryGetValue(key, out var read))
        {
            // Counted only on a miss: Count takes every lock of the dictionary, and the steps of a
            // run that start together would queue on them at every hit.
            if (_runs.Count >= Capacity)
            {
                _runs.Clear();
            }

            read = _runs.GetOrAdd(key, k => ReadAsync(k.DagId, k.RunId));
        }

        try
        {
            return await read.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (read.IsFaulted || read.IsCanceled)
        {
            _runs.TryRemove(KeyValuePair.Create(key, read));
            throw;
        }
    }

    // Not the caller's token: the read is shared, and one caller giving up must not fail the others.
    private async Task<RunRecord> ReadAsync(string dagId, string runId) =>
        (await store.GetRunAsync(dagId, runId, CancellationToken.None).ConfigureAwait(false))?.Value
            ?? throw new InvalidOperationException($"Run '{runId}' of DAG '{dagId}' does not exist.");
}
