using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Registry;

namespace DurableDags.Api.Hosting;

/// <summary>
/// Loads every DAG file of a folder into the registry, as <c>dags serve --dags DIR</c> does at
/// start: a changed file becomes a new version, an unchanged one stays as it is, and an invalid one
/// is reported with file:line:col and skipped while the others still load.
/// </summary>
public static class DagFolderLoader
{
    private static readonly string[] Patterns = ["*.yaml", "*.yml", "*.json"];

    public static async Task<DagFolderReport> LoadAsync(string folder, ICheckpointStore store, OperatorCatalog operators, CancellationToken cancellationToken)
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

        var files = Patterns.SelectMany(p => Directory.EnumerateFiles(folder, p, SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal).ToList();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            var result = DagLoader.Load(file, text, operators);
            if (!result.IsValid)
            {
                errors.AddRange(result.Diagnostics);
                continue;
            }

            var dag = result.Dag!;
            if (owners.TryGetValue(dag.Id, out var owner))
            {
                errors.Add(dag.Location, $"DAG id '{dag.Id}' is already defined in {owner}; this file is skipped");
                continue;
            }

            owners[dag.Id] = file;
            var put = await store.PutDagAsync(dag.Id, text, Path.GetFileName(file), cancellationToken).ConfigureAwait(false);
            loaded.Add(new DagFolderReport.Entry(dag.Id, file, put.Version.Version, put.Outcome));
        }

        return new DagFolderReport(loaded, errors.ToImmutable());
    }
}
