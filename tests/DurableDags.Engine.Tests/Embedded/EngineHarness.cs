using DurableDags.Engine.Embedded;
using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Embedded.Runtime;
using DurableDags.Storage.Folder;

namespace DurableDags.Engine.Tests.Embedded;

/// <summary>
/// A folder store that outlives the engines started on it, so a test can stop one engine as a
/// crash would and start the next on the same history.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly List<EmbeddedOrchestrationEngine> _engines = [];

    public EngineHarness()
    {
        Directory.CreateDirectory(Folder);
        Store = new ObjectStoreHistoryStore(new FolderObjectStore(Folder));
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"dd-engine-{Guid.NewGuid():N}");

    public ObjectStoreHistoryStore Store { get; }

    public ManualTimeProvider Time { get; } = new();

    /// <summary>A deadline for awaiting completion: generous, and only ever hit by a failing test.</summary>
    public static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test at the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Deadline();
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), deadline);
        }
    }

    /// <param name="historyWriteDelay">The engine's <see cref="EmbeddedEngineOptions.HistoryWriteDelay"/>; its default when null.</param>
    public async Task<EmbeddedOrchestrationEngine> StartEngineAsync(OrchestrationCatalog catalog, int maxConcurrentActivities = 4, TimeSpan? historyWriteDelay = null)
    {
        var options = new EmbeddedEngineOptions { MaxConcurrentActivities = maxConcurrentActivities };
        options.HistoryWriteDelay = historyWriteDelay ?? options.HistoryWriteDelay;
        var engine = new EmbeddedOrchestrationEngine(Store, catalog, options, Time);
        _engines.Add(engine);
        await engine.StartAsync(Deadline());
        return engine;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
