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

    private readonly ConcurrentDictionary<(string DagId, string RunId), RunRecord> _runs = new();

    public async Task<RunRecord> GetAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue((dagId, runId), out var cached))
        {
            return cached;
        }

        var run = (await store.GetRunAsync(dagId, runId, cancellationToken).ConfigureAwait(false))?.Value
            ?? throw new InvalidOperationException($"Run '{runId}' of DAG '{dagId}' does not exist.");
        if (_runs.Count >= Capacity)
        {
            _runs.Clear();
        }

        _runs[(dagId, runId)] = run;
        return run;
    }
}
