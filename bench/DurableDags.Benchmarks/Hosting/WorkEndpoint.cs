using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DurableDags.Benchmarks.Hosting;

/// <summary>
/// The service the DAGs' <c>http</c> nodes call: real Kestrel on 127.0.0.1, where
/// <c>/work/{ms}</c> answers <c>ms</c> milliseconds after the request arrived (to tens of
/// microseconds, see <see cref="PreciseDelay"/>) without holding a thread (work done elsewhere). It counts calls per idempotency key, so a scenario can tell that no attempt ran
/// twice, and the most calls it served at once, so it can tell that <c>maxParallelNodes</c> held.
/// </summary>
public sealed class WorkEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PreciseDelay _delay = new();
    private readonly ConcurrentDictionary<string, int> _keys = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _peak;
    private long _calls;
    private long _servedTicks;

    private WorkEndpoint(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>The most calls in progress at one moment since the last reset.</summary>
    public int PeakConcurrency => Volatile.Read(ref _peak);

    /// <summary>
    /// The work served, summed over calls: from a request's arrival at the handler to the moment
    /// its delay fired. Not to the moment the handler resumed: that wait is for a pool thread,
    /// which this in-process endpoint shares with the engine; counted as work, it hid engine time
    /// under load (40 calls of 10 ms "served" in 982 ms at a load of 13).
    /// </summary>
    public TimeSpan Served => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _servedTicks));

    /// <summary>Idempotency keys seen more than once: an attempt whose operator ran twice.</summary>
    public IReadOnlyList<string> RepeatedKeys => [.. _keys.Where(k => k.Value > 1).Select(k => k.Key)];

    public int DistinctKeys => _keys.Count;

    public string Url(int milliseconds) => new Uri(BaseAddress, $"work/{milliseconds}").ToString();

    public static async Task<WorkEndpoint> StartAsync()
    {
        // Not watching settings files: a watch covers every folder under the working directory.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new WorkEndpoint(app);
        app.MapMethods("/work/{ms:int}", ["GET", "POST"], endpoint.WorkAsync);
        await app.StartAsync().ConfigureAwait(false);
        endpoint.BaseAddress = new Uri(app.Urls.Single());
        return endpoint;
    }

    public void Reset()
    {
        _keys.Clear();
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _servedTicks, 0);
        Volatile.Write(ref _peak, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _delay.Dispose();
    }

    private async Task<IResult> WorkAsync(int ms, HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var fired = started;
        var now = Interlocked.Increment(ref _inFlight);
        for (var peak = Volatile.Read(ref _peak); now > peak; peak = Volatile.Read(ref _peak))
        {
            if (Interlocked.CompareExchange(ref _peak, now, peak) == peak)
            {
                break;
            }
        }

        try
        {
            if (context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key)
            {
                _keys.AddOrUpdate(key, 1, (_, count) => count + 1);
            }

            fired = await _delay.UntilAsync(started + (ms * Stopwatch.Frequency / 1000)).WaitAsync(context.RequestAborted).ConfigureAwait(false);
            return Results.Json(new { ok = true, ms });
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _calls);
            Interlocked.Add(ref _servedTicks, (fired > started ? fired : Stopwatch.GetTimestamp()) - started);
        }
    }
}
