namespace DurableDags.Api.Files;

/// <summary>
/// Turns the paths a user typed into the DAG files they mean: a file as given, a folder by every
/// <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file under it (hidden files and folders, such as
/// <c>.git</c>, and linked folders left out). Paths keep the form the user wrote.
/// </summary>
public static class DagPaths
{
    public static IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml", ".json"];

    /// <summary>
    /// The files in argument order, each folder's in ordinal order, without repeats; or the usage
    /// error to print (a path that does not exist, a folder without DAG files).
    /// </summary>
    public static (IReadOnlyList<string> Files, string? Error) Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = Under(path);
                if (found.Count == 0)
                {
                    return ([], $"no DAG files ({string.Join(", ", Extensions.Select(e => "*" + e))}) under '{path}'");
                }

                foreach (var file in found)
                {
                    Add(file);
                }
            }
            else
            {
                return ([], $"'{path}' does not exist");
            }
        }

        return (files, null);

        void Add(string file)
        {
            if (seen.Add(Path.GetFullPath(file)))
            {
                files.Add(file);
            }
        }
    }

    /// <summary>A DAG file by its extension; DAG test files (<c>x.test.yaml</c>, see docs/testing.md) are not.</summary>
    public static bool IsDagFile(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase) && !Core.Testing.DagTestFile.IsTestFile(path);

    /// <summary>Every DAG file under <paramref name="folder"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Under(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var files = new List<string>();
        var pending = new Stack<string>([folder]);
        while (pending.TryPop(out var current))
        {
            files.AddRange(Directory.EnumerateFiles(current).Where(f => !IsHidden(f) && IsDagFile(f)));

            // Linked folders are not followed: a link back up would never end.
            foreach (var child in Directory.EnumerateDirectories(current).Where(d => !IsHidden(d) && new DirectoryInfo(d).LinkTarget is null))
            {
                pending.Push(child);
            }
        }

        // Ordinal order: the same output on every machine and file system.
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');
}
