using DurableDags.Orchestration.Contracts;

namespace DurableDags.Engine.Activities;

/// <summary><see cref="DagActivityNames.LoadDagVersion"/>: the source of the version a run is pinned to.</summary>
public sealed class LoadDagVersionActivity(DagVersionCache dags)
{
    public async Task<LoadedDag> RunAsync(LoadDagInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new LoadedDag($"{input.DagId}.yaml", await dags.ReadSourceAsync(input.DagId, input.DagHash, cancellationToken).ConfigureAwait(false));
    }
}
