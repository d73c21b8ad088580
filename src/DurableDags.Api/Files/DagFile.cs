using System.Collections.Immutable;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;

namespace DurableDags.Api.Files;

/// <summary>
/// One DAG file as loaded: its path as shown to the user, its text (null when it could not be
/// read), and what the pure loader made of it. <c>dags validate</c>, <c>plan</c>, <c>run</c> and
/// <c>serve</c> all read DAG files through here.
/// </summary>
public sealed record DagFile(string Path, string? Source, DagLoadResult Result)
{
    public bool IsValid => Result.IsValid;

    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>Reads and loads one file; a file that cannot be read is one error naming it.</summary>
    public static DagFile Load(string path, OperatorCatalog operators)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(operators);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var error = new Diagnostic(SourceLocation.None(path), $"cannot read the file: {e.Message}");
            return new DagFile(path, null, new DagLoadResult(null, [error]));
        }

        return new DagFile(path, text, DagLoader.Load(path, text, operators));
    }

    /// <summary>Loads files in parallel (each load is independent and pure); results keep the order of <paramref name="paths"/>.</summary>
    public static ImmutableArray<DagFile> LoadAll(IReadOnlyList<string> paths, OperatorCatalog operators, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new DagFile[paths.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, paths.Count, options, i => files[i] = Load(paths[i], operators));
        return [.. files];
    }
}
