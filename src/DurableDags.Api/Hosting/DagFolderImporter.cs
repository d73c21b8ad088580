using DurableDags.Api.Files;
using DurableDags.Api.Registry;
using DurableDags.Core.Operators;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Api.Hosting;

/// <summary>
/// Loads the server's DAG folder (<see cref="DagFolderLoader"/>), keeps its errors as the
/// server's <see cref="ImportErrors"/>, so they are in the API and not only on the console, and
/// records each loaded DAG's file as its origin (<see cref="DagOrigins"/>). A file whose DAG id
/// was uploaded over the API is not loaded over it: that is an import error too.
/// </summary>
public sealed class DagFolderImporter(ICheckpointStore store, OperatorCatalog operators, ImportErrors errors, DagOrigins origins, TimeProvider time)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>One import at a time: a watcher's import and the start's never interleave.</summary>
    public async Task<DagFolderReport> ImportAsync(string folder, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var report = await DagFolderLoader.LoadAsync(folder, store, operators, cancellationToken, RefuseApiDagAsync).ConfigureAwait(false);
            foreach (var entry in report.Loaded)
            {
                await origins.SetAsync(entry.DagId, new DagOriginView(DagOrigins.Folder, entry.File), cancellationToken).ConfigureAwait(false);
            }

            errors.Replace(report.Errors, time.GetUtcNow());
            return report;
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>A DAG uploaded over the API keeps its id; a DAG with no recorded origin (stored before origins were kept) is taken over.</summary>
    private async Task<string?> RefuseApiDagAsync(string dagId, string file, CancellationToken cancellationToken)
    {
        if (await origins.GetAsync(dagId, cancellationToken).ConfigureAwait(false) is not { Kind: DagOrigins.Api }
            || await store.GetDagAsync(dagId, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return null;
        }

        return $"DAG id '{dagId}' was uploaded over the API (version {entry.Current.Version}); the file is not loaded over it. " +
            $"Delete the DAG over the API (DELETE /api/dags/{dagId}) to load it from this file, or give the file another id";
    }
}
