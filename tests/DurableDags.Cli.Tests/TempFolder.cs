namespace DurableDags.Cli.Tests;

/// <summary>A real folder of DAG files for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("dags-cli-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to a file below the folder (creating folders on the way) and returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = System.IO.Path.Join(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The full path of <paramref name="relativePath"/> below the folder, as the CLI prints it when given the folder.</summary>
    public string At(string relativePath) => System.IO.Path.Join(Path, relativePath);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
