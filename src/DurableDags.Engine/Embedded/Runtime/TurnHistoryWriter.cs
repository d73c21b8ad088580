using DurableDags.Engine.Embedded.History;

namespace DurableDags.Engine.Embedded.Runtime;

/// <summary>
/// Writes one instance's turns to history, holding back the turns that may wait (see
/// <see cref="MayWait"/>) for up to <see cref="EmbeddedEngineOptions.HistoryWriteDelay"/>, so the
/// turns of that span land as one chunk. Chunks are written one after another, in order: a chunk
/// starts only once the one before it was written.
/// </summary>
internal sealed class TurnHistoryWriter(IOrchestrationHistoryStore store, string instanceId, TimeSpan delay, Action requestWrite) : IDisposable
{
    private readonly List<HistoryEvent> _unwritten = [];
    private int _firstIndex;
    private Task _writing = Task.CompletedTask;
    private ITimer? _timer;

    /// <summary>
    /// Whether a turn of these events may wait to be written. Only activities that started or
    /// ended may: an activity run again after a stop is the at-least-once rule, and every activity
    /// is safe to repeat. Timers and child instances start, external events leave the inbox and a
    /// generation ends only once their turn is in history, so those turns are written at once.
    /// </summary>
    public bool MayWait(IEnumerable<HistoryEvent> events) =>
        delay > TimeSpan.Zero && events.All(e => e is OrchestratorStarted or TaskScheduled or TaskCompleted or TaskFailed);

    /// <summary>Adds a turn's events, the first of them at <paramref name="firstIndex"/> of the generation.</summary>
    public void Add(int firstIndex, IReadOnlyList<HistoryEvent> events)
    {
        if (_unwritten.Count == 0)
        {
            _firstIndex = firstIndex;
        }

        _unwritten.AddRange(events);
    }

    /// <summary>Asks for a write of what is held within the delay, unless one is asked for already.</summary>
    public void WriteLater()
    {
        // Real time, not the orchestrations' clock: this batches I/O, and a test that holds the
        // orchestrations' clock still must not hold history back with it.
        _timer ??= TimeProvider.System.CreateTimer(_ => requestWrite(), null, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Writes what is held, after the chunks before it, and returns once all of it is in history.</summary>
    public async Task WriteAsync(int generation, CancellationToken cancellationToken)
    {
        WriteInBackground(generation, cancellationToken);
        await _writing.ConfigureAwait(false);
    }

    /// <summary>Starts writing what is held, after the chunks before it; a failure surfaces at the next <see cref="WriteAsync"/>.</summary>
    public void WriteInBackground(int generation, CancellationToken cancellationToken)
    {
        StopTimer();
        if (_unwritten.Count == 0)
        {
            return;
        }

        var chunk = _unwritten.ToList();
        var firstIndex = _firstIndex;
        _unwritten.Clear();
        var previous = _writing;
        _writing = AppendAfterAsync(previous, generation, firstIndex, chunk, cancellationToken);
    }

    public void Dispose() => StopTimer();

    private async Task AppendAfterAsync(Task previous, int generation, int firstIndex, List<HistoryEvent> chunk, CancellationToken cancellationToken)
    {
        await previous.ConfigureAwait(false);
        await store.AppendHistoryAsync(instanceId, generation, firstIndex, chunk, cancellationToken).ConfigureAwait(false);
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
