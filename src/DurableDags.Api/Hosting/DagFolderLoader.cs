using DurableDags.Api.Files;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Operators;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Api.Hosting;

/// <summary>
/// Loads every DAG file of a folder into the registry, as <c>dags serve --dags DIR</c> does at
/// start: a changed file becomes a new version, an unchanged one stays as it is, and an invalid one
/// is reported with file:line:col and skipped while the others still load. Files are found and
/// checked as <c>dags validate DIR</c> finds and checks them (<see cref="DagPaths"/>,
/// <see cref="DuplicateDagIds"/>), so a folder that validates is a folder that loads.
/// </summary>
public static class DagFolderLoader
{
    /// <param name="refuse">
    /// Asked before each valid file is stored (its DAG id and path): an error message keeps it out,
    /// reported like the file's own errors; null lets it in.
    /// </param>
    public static async Task<DagFolderReport> LoadAsync(
        string folder,
        ICheckpointStore store,
        OperatorCatalog operators,
        CancellationToken cancellationToken,
        Func<string, string, CancellationToken, Task<string?>>? refuse = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(operators);
        var loaded = new List<DagFolderReport.Entry>();
        var errors = new DiagnosticBag();
        if (!Directory.Exists(folder))
        {
            errors.Add(SourceLocation.None(folder), "the DAG folder does not exist; no DAG was loaded from it");
            return new DagFolderReport(loaded, errors.ToImmutable());
        }

        foreach (var file in DuplicateDagIds.Check(DagFile.LoadAll(DagPaths.Under(folder), operators, cancellationToken)))
        {
            if (!file.IsValid)
            {
                errors.AddRange(file.Diagnostics);
                continue;
            }

            var dag = file.Result.Dag!;
            if (refuse is not null && await refuse(dag.Id, file.Path!, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                errors.Add(dag.Location, refused);
                continue;
            }

            var put = await store.PutDagAsync(dag.Id, file.Source!, Path.GetFileName(file.Path), cancellationToken).ConfigureAwait(false);
            loaded.Add(new DagFolderReport.Entry(dag.Id, file.Path, put.Version.Version, put.Outcome));
        }

        return new DagFolderReport(loaded, errors.ToImmutable());
    }
}
