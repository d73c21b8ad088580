using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Storage.Blobs;
using DurableDags.Benchmarks.Hosting;
using DurableDags.Storage.Blob;
using DurableDags.Storage.Objects;

namespace DurableDags.Benchmarks.Throughput;

/// <summary>
/// <c>--blob-throughput [--requests N] [--concurrency 1,8,...] [--azurite "FLAGS"] [--preload K] [--client sdk|store] [--storage CONNECTION]</c>:
/// how many requests per second <see cref="BlobObjectStore"/> gets out of a real Azurite, per
/// kind of call and number of calls in flight, with node-record-sized blobs (420 bytes) under
/// the engine's key layout. Every call is checked (a create that should conflict must conflict),
/// and the wire is counted, so a call costing two requests or a retry shows.
/// </summary>
public static class BlobThroughput
{
    private const int RecordBytes = 420;

    public static async Task<int> RunAsync(ThroughputOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        // With --storage the service is someone else's (a real account, an Azurite started by hand): its CPU is not ours to read.
        await using var azurite = options.Storage is null ? await AzuriteProcess.StartAsync(options.AzuriteFlags).ConfigureAwait(false) : null;
        var serviceCpu = () => azurite?.Cpu ?? TimeSpan.Zero;
        var counter = new RequestCounter();
        var clientOptions = ClientOptions(options.Client);
        clientOptions.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var container = new BlobContainerClient(options.Storage ?? azurite!.ConnectionString, $"b{Guid.NewGuid():N}", clientOptions);
        await container.CreateIfNotExistsAsync().ConfigureAwait(false);
        var store = new BlobObjectStore(container);
        output.WriteLine(Invariant($"load: {Scenarios.MachineLoad.Describe()}; Azurite {string.Join(' ', options.AzuriteFlags ?? AzuriteProcess.DefaultFlags)}; client {options.Client}"));
        if (options.Preload > 0)
        {
            var preloaded = await PreloadAsync(store, options.Preload).ConfigureAwait(false);
            output.WriteLine(Invariant($"preloaded {options.Preload} blobs in {preloaded.TotalSeconds:F1} s"));
        }

        output.WriteLine("| call | in flight | requests | requests/s | ms per call (mean) | p99 ms | client CPU µs/req | Azurite CPU µs/req | wire |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        var round = 0;
        foreach (var inFlight in options.Concurrency)
        {
            var calls = new StoreCalls(store, Invariant($"runs/d/r{++round}c{inFlight}/nodes/"), options.Requests, new byte[RecordBytes]);
            foreach (var (name, call, count) in calls.InOrder())
            {
                counter.Reset();
                var cpu = (Client: Process.GetCurrentProcess().TotalProcessorTime, Azurite: serviceCpu());
                var (elapsed, latencies) = await TimeAsync(call, count, inFlight).ConfigureAwait(false);
                var requests = counter.Total;
                var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu.Client).TotalMicroseconds / requests;
                var azuriteCpu = (serviceCpu() - cpu.Azurite).TotalMicroseconds / requests;
                Array.Sort(latencies);
                output.WriteLine(Invariant(
                    $"| {name} | {inFlight} | {requests} | {requests / elapsed.TotalSeconds:F0} | {latencies.Average():F2} | {latencies[(int)(latencies.Length * 0.99)]:F2} | {clientCpu:F0} | {azuriteCpu:F0} | {counter.Describe()} |"));
            }

            counter.Reset();
            var (list, keys) = await TimeListAsync(store, calls.Prefix).ConfigureAwait(false);
            output.WriteLine(Invariant($"| list {keys} keys (median of 5) | 1 | {counter.Total} | | {list.TotalMilliseconds:F1} | | | | {counter.Describe()} |"));
        }

        output.WriteLine(Invariant($"load: {Scenarios.MachineLoad.Describe()}"));
        await container.DeleteIfExistsAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary><c>sdk</c>, <c>store</c>, <c>connections=N</c> (at most N connections), <c>quiet</c> (no client logging or tracing).</summary>
    private static BlobClientOptions ClientOptions(string client)
    {
        if (client.StartsWith("connections=", StringComparison.Ordinal))
        {
            var handler = new System.Net.Http.SocketsHttpHandler { MaxConnectionsPerServer = int.Parse(client["connections=".Length..], CultureInfo.InvariantCulture) };
            return new BlobClientOptions { Transport = new Azure.Core.Pipeline.HttpClientTransport(handler) };
        }

        var options = client == "store" ? BlobStoreOptions.CreateClientOptions() : new BlobClientOptions();
        if (client == "quiet")
        {
            options.Diagnostics.IsLoggingEnabled = false;
            options.Diagnostics.IsDistributedTracingEnabled = false;
            options.Diagnostics.IsTelemetryEnabled = false;
        }

        return options;
    }

    /// <summary>Runs <paramref name="call"/> for 0..count-1 with <paramref name="inFlight"/> calls at a time; latencies in ms.</summary>
    private static async Task<(TimeSpan Elapsed, double[] Latencies)> TimeAsync(Func<int, Task> call, int count, int inFlight)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var start = Stopwatch.GetTimestamp();
                await call(i).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }))).ConfigureAwait(false);
        return (clock.Elapsed, latencies);
    }

    /// <summary>The median of five listings (the first also pays the client's JIT for parsing them).</summary>
    private static async Task<(TimeSpan Median, int Keys)> TimeListAsync(IObjectStore store, string prefix)
    {
        var times = new List<TimeSpan>();
        var keys = 0;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var page = await store.ListAsync(prefix).ConfigureAwait(false);
            times.Add(clock.Elapsed);
            keys = page.Keys.Count;
            if (keys == 0)
            {
                throw new InvalidOperationException($"Listing {prefix} found nothing.");
            }
        }

        return (times.Order().ElementAt(times.Count / 2), keys);
    }

    private static async Task<TimeSpan> PreloadAsync(IObjectStore store, int count)
    {
        var content = new byte[RecordBytes];
        var (elapsed, _) = await TimeAsync(i => store.PutAsync(Invariant($"preload/n{i:D6}.json"), content), count, 32).ConfigureAwait(false);
        return elapsed;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
