using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Engine.Activities;

/// <summary>
/// <see cref="DagActivityNames.LoadDagVersion"/>: the source of the version a run is pinned to,
/// and whether the run's record says it ended already (see <see cref="LoadedDag.Ended"/>).
/// </summary>
public sealed class LoadDagVersionActivity(DagVersionCache dags, ICheckpointStore store)
{
    public async Task<LoadedDag> RunAsync(LoadDagInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = await dags.ReadSourceAsync(input.DagId, input.DagHash, cancellationToken).ConfigureAwait(false);
        var run = input.RunId is { } runId ? await store.GetRunAsync(input.DagId, runId, cancellationToken).ConfigureAwait(false) : null;
        return new LoadedDag($"{input.DagId}.yaml", source)
        {
            Ended = run is { Value: { } record } && record.State.IsFinal() ? new DagRunResult(record.RunId, record.State, record.Error) : null,
            StartedAt = run?.Value.StartedAt ?? run?.Value.CreatedAt,
            LogicalDate = run?.Value.LogicalDate,
        };
    }
}
