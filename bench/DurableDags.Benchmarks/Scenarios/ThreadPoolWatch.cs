using System.Globalization;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// Samples the thread pool every 10 ms while it lives: how many threads it had, and how many
/// work items waited for one. A growing thread count or a long queue says requests waited for a
/// thread rather than for I/O.
/// </summary>
public sealed class ThreadPoolWatch : IDisposable
{
    // Not the timer: its first tick can come before the constructor has assigned it.
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private readonly long _completedAtStart = ThreadPool.CompletedWorkItemCount;
    private int _maxThreads = ThreadPool.ThreadCount;
    private long _maxPending = ThreadPool.PendingWorkItemCount;
    private string? _summary;

    public ThreadPoolWatch() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(10));

    /// <summary>Stops sampling and describes what it saw.</summary>
    public string Stop()
    {
        _timer.Dispose();
        Sample();
        return _summary ??= string.Create(CultureInfo.InvariantCulture,
            $"thread pool: up to {_maxThreads} threads, up to {_maxPending} queued items, {ThreadPool.CompletedWorkItemCount - _completedAtStart} items run");
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        lock (_gate)
        {
            _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
            _maxPending = Math.Max(_maxPending, ThreadPool.PendingWorkItemCount);
        }
    }
}
