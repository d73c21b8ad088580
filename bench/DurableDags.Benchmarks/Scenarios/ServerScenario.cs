using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DurableDags.Api.Hosting;
using DurableDags.Benchmarks.Hosting;
using DurableDags.Core.Operators;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// The target of issue 4: the server as <c>dags serve</c> builds it (<see cref="DurableDagsServer"/>:
/// Kestrel on 127.0.0.1, the folder store, the embedded engine and the scheduler, the DAG loaded
/// from a folder at start) takes 500 triggers from 16 concurrent clients. Every run must end
/// succeeded, listed once, each http node called once; a trigger's latency is its request's
/// round trip, and the run rate counts from the first trigger to the end of the last run.
/// </summary>
public static class ServerScenario
{
    public const int Triggers = 500;
    public const int Clients = 16;
    private const string DagId = "three-nodes";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static Scenario Create(WorkEndpoint work, ScratchFolders folders) => new(
        $"{Triggers} HTTP triggers of a 3-node DAG from {Clients} clients, server on the folder store",
        [
            new Measure("trigger latency p99", "ms", "< 20 ms (issue 17; was < 50 ms)", 20),
            new Measure("trigger latency p50", "ms", "reported"),
            new Measure("runs per second", "/s", "reported"),
            new Measure("runs lost or doubled", "", "0", 0),
        ],
        () => RunOnceAsync(work, folders));

    private static async Task<ScenarioSample> RunOnceAsync(WorkEndpoint work, ScratchFolders folders)
    {
        using var cancel = new CancellationTokenSource(Deadline);
        var folder = folders.New("dd-bench-serve");
        var dags = Directory.CreateDirectory(Path.Combine(folder, "dags")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dags, $"{DagId}.yaml"), ScenarioDags.ThreeNodes(DagId, work.Url(0)), cancel.Token).ConfigureAwait(false);
        var objects = new CountingObjectStore(new FolderObjectStore(Path.Combine(folder, "store")));
        var app = await DurableDagsServer.BuildAsync(new ServerOptions
        {
            DagsFolder = dags,
            ObjectStore = objects,
            Urls = "http://127.0.0.1:0",
            // Warnings and errors only: no Information line per request (and per start) on the console.
            ConfigurationArgs = ["--Logging:LogLevel:Default=Warning", .. RunStartersArgs()],
        }, cancel.Token).ConfigureAwait(false);
        await using (app.ConfigureAwait(false))
        {
            var report = await DagFolderLoader.LoadAsync(dags, app.Services.GetRequiredService<ICheckpointStore>(),
                app.Services.GetRequiredService<OperatorCatalog>(), cancel.Token).ConfigureAwait(false);
            if (report.Errors.Length > 0)
            {
                throw new InvalidOperationException($"the scenario's DAG did not load: {string.Join("; ", report.Errors)}");
            }

            await app.StartAsync(cancel.Token).ConfigureAwait(false);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            work.Reset();
            objects.Reset();
            var sample = await MeasureAsync(app, client, work, objects, cancel.Token).ConfigureAwait(false);
            await app.StopAsync(cancel.Token).ConfigureAwait(false);
            return sample;
        }
    }

    /// <summary>
    /// <c>DD_BENCH_RUN_STARTERS</c>: the server's <c>DurableDags:Engine:RunStarters</c>, to compare
    /// starting each run's orchestration in its trigger's request (0) with the background queue in one build.
    /// </summary>
    private static string[] RunStartersArgs() =>
        Environment.GetEnvironmentVariable("DD_BENCH_RUN_STARTERS") is { Length: > 0 } starters ? [$"--DurableDags:Engine:RunStarters={starters}"] : [];

    private static async Task<ScenarioSample> MeasureAsync(WebApplication app, HttpClient client, WorkEndpoint work, CountingObjectStore objects, CancellationToken ct)
    {
        var launcher = app.Services.GetRequiredService<EmbeddedRunLauncher>();
        var started = new ConcurrentBag<(string RunId, double Ms)>();
        var repeated = new ConcurrentBag<string>();
        var next = 0;
        var cpu = Environment.CpuUsage;
        using var pool = new ThreadPoolWatch();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= Triggers)
            {
                var sent = Stopwatch.GetTimestamp();
                using var body = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri($"api/dags/{DagId}/runs", UriKind.Relative), body, ct).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
                {
                    throw new InvalidOperationException($"a trigger got {(int)response.StatusCode}: {text}");
                }

                var runId = JsonDocument.Parse(text).RootElement.GetProperty("runId").GetString()!;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    // 200: the server answered with a run that already existed, so this trigger started none.
                    repeated.Add(runId);
                }

                started.Add((runId, ms));
            }
        }, ct))).ConfigureAwait(false);
        var triggered = clock.Elapsed;
        var threads = pool.Stop();
        await Task.WhenAll(started.Select(s => s.RunId).Distinct(StringComparer.Ordinal).Select(id => launcher.WaitForRunAsync(DagId, id, ct))).ConfigureAwait(false);
        var allDone = clock.Elapsed;
        var after = Environment.CpuUsage;
        var cpuUsed = after.TotalTime - cpu.TotalTime;
        // From the first trigger to the end of the last run, the listing below left out.
        var calls = objects.Counts;
        var byKind = objects.ByKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{(double)k.Value / Triggers,6:F2} {k.Key}")).ToList();

        var listed = await ListRunsAsync(client, ct).ConfigureAwait(false);
        var ids = started.Select(s => s.RunId).ToHashSet(StringComparer.Ordinal);
        var succeeded = listed.Where(r => r.State == "succeeded").Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        // A trigger answered with another trigger's run started nothing of its own: lost.
        var lost = ids.Count(id => !succeeded.Contains(id)) + (Triggers - ids.Count);
        var doubled = (listed.Count - listed.Select(r => r.RunId).Distinct(StringComparer.Ordinal).Count())
            + listed.Count(r => !ids.Contains(r.RunId)) + work.RepeatedKeys.Count;
        if (work.Calls != 2 * ids.Count)
        {
            throw new InvalidOperationException($"the DAG's http nodes were called {work.Calls} times; expected {2 * ids.Count}");
        }

        var latencies = started.Select(s => s.Ms).Order().ToList();
        return new ScenarioSample(
            [ScenarioReport.Percentile(latencies, 0.99), ScenarioReport.Percentile(latencies, 0.50), Triggers / allDone.TotalSeconds, lost + doubled],
            cpuUsed,
            string.Create(CultureInfo.InvariantCulture,
                $"{(repeated.IsEmpty ? "" : $"triggers answered 200 with an existing run: {string.Join(", ", repeated)} (also answered 202 to another trigger: {repeated.Count(r => started.Count(s => s.RunId == r) > 1)}); ")}{listed.Count} runs listed, {succeeded.Count} succeeded, {work.Calls} node calls; triggers took {triggered.TotalMilliseconds:F0} ms ({Triggers / triggered.TotalSeconds:F0}/s), last run ended at {allDone.TotalMilliseconds:F0} ms; latency p90 {ScenarioReport.Percentile(latencies, 0.90):F1} ms, max {latencies[^1]:F1} ms; CPU {(after.UserTime - cpu.UserTime).TotalMilliseconds:F0} ms user + {(after.PrivilegedTime - cpu.PrivilegedTime).TotalMilliseconds:F0} ms kernel; {threads}; store calls per trigger and its run: {(double)calls.Writes / Triggers:F1} writes, {(double)calls.Deletes / Triggers:F1} deletes, {(double)calls.Gets / Triggers:F1} reads, {(double)calls.Lists / Triggers:F1} lists"))
        {
            Verbose = byKind,
        };
    }

    /// <summary>Every run of the DAG, page by page, as a client sees them.</summary>
    private static async Task<List<(string RunId, string State)>> ListRunsAsync(HttpClient client, CancellationToken ct)
    {
        var runs = new List<(string, string)>();
        string? before = null;
        do
        {
            var path = $"api/dags/{DagId}/runs?limit=200{(before is null ? "" : $"&before={Uri.EscapeDataString(before)}")}";
            using var page = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative), ct).ConfigureAwait(false));
            foreach (var run in page.RootElement.GetProperty("runs").EnumerateArray())
            {
                runs.Add((run.GetProperty("runId").GetString()!, run.GetProperty("state").GetString()!));
            }

            before = page.RootElement.TryGetProperty("next", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
        }
        while (before is not null);

        return runs;
    }
}
