using System.Diagnostics;

namespace DurableDags.Cli.Testing;

/// <summary>
/// Tells when a test's engine has been still: no store operation or request under way, and none
/// started, ended, or timer touched, for a real quiet spell. Every store operation and request
/// of the engine passes through here (<see cref="MonitoredObjectStore"/>, <see cref="FakeEndpoint"/>);
/// together with the <see cref="EngineTracker"/> it decides when the test's clock may move on.
/// </summary>
internal sealed class ActivityMonitor
{
    /// <summary>A short spell: the <see cref="EngineTracker"/> already knows what the engine still has to do.</summary>
    public static readonly TimeSpan QuietSpell = TimeSpan.FromMilliseconds(10);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _busy;
    private long _lastTouch;

    public void Touch() => Interlocked.Exchange(ref _lastTouch, _clock.ElapsedTicks);

    public Scope Enter()
    {
        Interlocked.Increment(ref _busy);
        Touch();
        return new Scope(this);
    }

    public bool IsQuiet => QuietFor(QuietSpell);

    public bool QuietFor(TimeSpan spell) =>
        Volatile.Read(ref _busy) == 0
        && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastTouch), _clock.ElapsedTicks) >= spell;

    private void Exit()
    {
        Touch();
        Interlocked.Decrement(ref _busy);
    }

    /// <summary>One piece of work under way; disposing it ends it.</summary>
    public readonly struct Scope(ActivityMonitor monitor) : IDisposable
    {
        public void Dispose() => monitor.Exit();
    }
}
