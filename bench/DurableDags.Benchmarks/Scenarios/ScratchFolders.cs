namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// Folders for the samples' stores, under one root (the system's temp folder unless
/// <c>--store-root</c> names another, such as a RAM disk), all deleted at the end of the whole
/// run: deleting thousands of files between samples would load the file system the next sample
/// measures (on ext4 without a journal, new files then skip every recently deleted inode).
/// </summary>
public sealed class ScratchFolders(string root) : IDisposable
{
    private readonly List<string> _folders = [];

    public string Root { get; } = Path.GetFullPath(root);

    public string New(string prefix)
    {
        var folder = Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        lock (_folders)
        {
            _folders.Add(folder);
        }

        return folder;
    }

    public void Dispose()
    {
        lock (_folders)
        {
            foreach (var folder in _folders.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }

            _folders.Clear();
        }
    }
}
