using Microsoft.Extensions.Logging;

namespace DurableDags.Api.Hosting;

/// <summary>
/// Watches the server's DAG folder (that folder and its subfolders only) and imports it again
/// once the changes have settled for <see cref="Debounce"/>: a file saved is live in seconds, a
/// broken one becomes an import error while the last good version of its DAG keeps running. A file
/// removed leaves its DAG registered (delete it over the API).
/// </summary>
public sealed partial class DagFolderWatcher : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private readonly string _folder;
    private readonly DagFolderImporter _importer;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stop = new();

    public DagFolderWatcher(string folder, DagFolderImporter importer, TimeProvider time, ILogger<DagFolderWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        _folder = Path.GetFullPath(folder);
        _importer = importer;
        _logger = logger;
        _timer = time.CreateTimer(_ => _ = ImportAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(_folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.Error += (_, e) => { LogWatchFailed(_logger, e.GetException(), _folder); Schedule(); };
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _watcher.Dispose();
        _timer.Dispose();
        _stop.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e) => Schedule();

    // Every change pushes the import back, so an editor's save (several writes) is one import.
    private void Schedule() => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);

    private async Task ImportAsync()
    {
        try
        {
            var report = await _importer.ImportAsync(_folder, _stop.Token).ConfigureAwait(false);
            LogImported(_logger, _folder, report.Loaded.Count, report.Errors.Length);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogImportFailed(_logger, e, _folder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded {Folder}: {Loaded} DAG(s), {Errors} error(s) (GET /api/import-errors)")]
    private static partial void LogImported(ILogger logger, string folder, int loaded, int errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading {Folder} failed")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching {Folder} failed; reloading it")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, string folder);
}
