using DurableDags.Storage.Objects;

namespace DurableDags.Benchmarks.Hosting;

/// <summary>
/// One engine for all the samples of a scenario, as a server keeps one: each sample is a new run
/// of the same DAG on the same store. A new engine per sample kept the JIT busy re-tiering its
/// start-up code in the background of every timed run (hundreds of methods a sample, up to 0.6 s
/// of CPU on 2 cores), which a long-running host pays once.
/// </summary>
public sealed class LongLivedEngine(Func<Task<IObjectStore>> newStore, string dagId, string yaml) : IAsyncDisposable
{
    private EngineHost? _host;
    private int _runs;

    /// <summary>Starts a new run of the DAG and waits for it; the run id is r1, r2, … in order.</summary>
    public async Task<(RunTiming Run, string RunId, EngineHost Host)> RunAsync(TimeSpan deadline)
    {
        if (_host is null)
        {
            _host = await EngineHost.StartAsync(await newStore().ConfigureAwait(false)).ConfigureAwait(false);
            await _host.PutDagAsync(dagId, yaml).ConfigureAwait(false);
        }

        var runId = $"r{++_runs}";
        return (await _host.RunAsync(dagId, runId, deadline).ConfigureAwait(false), runId, _host);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
