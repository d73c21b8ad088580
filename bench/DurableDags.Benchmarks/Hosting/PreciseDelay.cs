using System.Diagnostics;

namespace DurableDags.Benchmarks.Hosting;

/// <summary>
/// Delays that end within tens of microseconds of their due time. .NET timers fire 1 to 2 ms late
/// on this machine (a 10 ms Task.Delay took 11 to 12 ms), which would make the benchmark's work
/// longer than its scenarios say. One dedicated thread keeps the due times: it sleeps while the
/// next one is more than 2 ms away and spins the last stretch, so one thread spins at most about
/// 2 ms per due time however many delays are pending, instead of every caller spinning.
/// </summary>
public sealed class PreciseDelay : IDisposable
{
    private static readonly long SleepMargin = Stopwatch.Frequency / 500;

    private readonly PriorityQueue<TaskCompletionSource<long>, long> _due = new();
    private readonly Thread _thread;
    private readonly AutoResetEvent _added = new(false);
    private volatile bool _stopped;

    public PreciseDelay()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "precise-delay", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>
    /// Completes at <paramref name="due"/>, a <see cref="Stopwatch"/> timestamp, with the timestamp
    /// it fired at: the caller resumes later, once a pool thread takes it up.
    /// </summary>
    public Task<long> UntilAsync(long due)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_due)
        {
            _due.Enqueue(done, due);
        }

        _added.Set();
        return done.Task;
    }

    public void Dispose()
    {
        _stopped = true;
        _added.Set();
        _thread.Join();
        _added.Dispose();
    }

    private void Run()
    {
        while (!_stopped)
        {
            long next;
            lock (_due)
            {
                var now = Stopwatch.GetTimestamp();
                while (_due.TryPeek(out var waiter, out var due) && due <= now)
                {
                    _due.Dequeue();
                    waiter.SetResult(now);
                }

                next = _due.TryPeek(out _, out var first) ? first : long.MaxValue;
            }

            var remaining = next - Stopwatch.GetTimestamp();
            if (next == long.MaxValue)
            {
                _added.WaitOne();
            }
            else if (remaining > SleepMargin)
            {
                _added.WaitOne(TimeSpan.FromTicks((remaining - SleepMargin) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            }
            else
            {
                Thread.SpinWait(50);
            }
        }
    }
}
