using System.Diagnostics;
using System.Globalization;
using DurableDags.Benchmarks.Hosting;
using DurableDags.Engine.Operators.Http;
using DurableDags.Storage.Objects;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// The floor the engine's http scenarios are judged against on this machine: the same calls to
/// the same endpoint, made by a plain loop with the client the <c>http</c> operator uses, in
/// layers of <c>width</c> calls at once, each call followed by one create of a node-record-sized
/// object in a folder store, as the engine's one required write per quick node. No orchestration,
/// no history, no records to read: what is left between this loop and the work served is the
/// machine (loopback HTTP in one process, file creation, waking threads), not the engine.
/// </summary>
/// <remarks>
/// A layer waits for all its calls, so for a DAG whose nodes each wait for only some of the layer
/// before it the loop is a little slower than a perfect scheduler: the floor is a fair bound, not
/// a strict one. A sample times the loop before its run, so that nothing the run leaves in the
/// background (a history write due within 50 ms, its marks' deletes) lands in the loop's time.
/// </remarks>
public sealed class PlainCallLoop : IAsyncDisposable
{
    /// <summary>About the size of a succeeded http node's record with its output and attempt.</summary>
    private const int RecordBytes = 1024;

    private readonly HttpClient _client = OperatorHttpClient.Create();
    private readonly IObjectStore _store;
    private int _samples;

    public PlainCallLoop(IObjectStore store) => _store = store;

    /// <summary>Times <paramref name="calls"/> calls of <paramref name="url"/>, <paramref name="width"/> at a time.</summary>
    public async Task<PlainLoopTiming> TimeAsync(WorkEndpoint work, string url, int calls, int width)
    {
        ArgumentNullException.ThrowIfNull(work);
        var sample = ++_samples;
        var record = new byte[RecordBytes];
        Array.Fill(record, (byte)'x');
        work.Reset();
        var clock = Stopwatch.StartNew();
        for (var first = 0; first < calls; first += width)
        {
            var layer = Enumerable.Range(first, Math.Min(width, calls - first)).Select(i => CallAndRecordAsync(url, sample, i, record));
            await Task.WhenAll(layer).ConfigureAwait(false);
        }

        return new PlainLoopTiming(clock.Elapsed, work.Served);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task CallAndRecordAsync(string url, int sample, int call, byte[] record)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"plain/s{sample}/nodes/n{call:D4}.json");
        using (var request = new HttpRequestMessage(HttpMethod.Get, url))
        {
            request.Headers.Add(HttpExchange.IdempotencyHeader, key);
            using var response = await _client.SendAsync(request).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }

        if (!(await _store.TryCreateAsync(key, record).ConfigureAwait(false)).Succeeded)
        {
            throw new InvalidOperationException($"the plain loop's record '{key}' already existed");
        }
    }
}

/// <summary>The plain loop's clock time and the work the endpoint served it meanwhile.</summary>
public sealed record PlainLoopTiming(TimeSpan Wall, TimeSpan Served)
{
    public double OverServed => Wall / Served;
}
