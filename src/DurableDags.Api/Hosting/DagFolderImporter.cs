using DurableDags.Api.Files;
using DurableDags.Core.Operators;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Api.Hosting;

/// <summary>
/// Loads the server's DAG folder (<see cref="DagFolderLoader"/>) and keeps its errors as the
/// server's <see cref="ImportErrors"/>, so they are in the API and not only on the console.
/// </summary>
public sealed class DagFolderImporter(ICheckpointStore store, OperatorCatalog operators, ImportErrors errors, TimeProvider time)
{
    public async Task<DagFolderReport> ImportAsync(string folder, CancellationToken cancellationToken)
    {
        var report = await DagFolderLoader.LoadAsync(folder, store, operators, cancellationToken).ConfigureAwait(false);
        errors.Replace(report.Errors, time.GetUtcNow());
        return report;
    }
}
