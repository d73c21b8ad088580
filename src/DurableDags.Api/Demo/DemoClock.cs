using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;

namespace DurableDags.Api.Demo;

/// <summary>
/// What makes the demo's jobs slow and its exports late: a job is done <see cref="DemoOptions.JobSeconds"/>
/// after it was submitted, an export is there <see cref="DemoOptions.SensorSeconds"/> after it was
/// first asked for. Held in memory: a restarted server starts the waits anew, which the examples
/// survive (a poll of a job the demo forgot gets 404 and the node retries).
/// </summary>
public sealed class DemoClock(DemoOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private long _next;

    /// <summary>A new id such as <c>job-7</c>, whose wait starts now.</summary>
    public string Start(string prefix)
    {
        var id = $"{prefix}-{Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture)}";
        _started[id] = time.GetUtcNow();
        return id;
    }

    /// <summary>Null for an id never started; else whether its job's time has passed.</summary>
    public bool? IsDone(string id) =>
        _started.TryGetValue(id, out var started) ? time.GetUtcNow() - started >= TimeSpan.FromSeconds(options.JobSeconds) : null;

    /// <summary>Seconds until the thing named <paramref name="key"/> is there; its wait starts at the first question.</summary>
    public int SecondsUntilReady(string key)
    {
        var first = _started.GetOrAdd($"sensor:{key}", _ => time.GetUtcNow());
        var left = TimeSpan.FromSeconds(options.SensorSeconds) - (time.GetUtcNow() - first);
        return left <= TimeSpan.Zero ? 0 : (int)Math.Ceiling(left.TotalSeconds);
    }
}
