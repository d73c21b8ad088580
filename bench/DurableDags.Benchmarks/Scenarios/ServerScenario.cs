using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DurableDags.Benchmarks.Hosting;
using DurableDags.Engine.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// The target of issue 4: a running server (<see cref="LongLivedServer"/>) takes 500 triggers of a
/// DAG uploaded over its API from 16 concurrent clients. Every run must end
/// succeeded, listed once, each http node called once; a trigger's latency is its request's
/// round trip, and the run rate counts from the first trigger to the end of the last run.
/// </summary>
public static class ServerScenario
{
    public const int Triggers = 500;
    public const int Clients = 16;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <param name="owned">The server the samples share; the caller disposes it.</param>
    public static Scenario Create(WorkEndpoint work, ScratchFolders folders, ICollection<IAsyncDisposable> owned)
    {
        ArgumentNullException.ThrowIfNull(owned);
        // Warnings and errors only: no Information line per request (and per start) on the console.
        var server = new LongLivedServer(folders, ["--Logging:LogLevel:Default=Warning", .. RunStartersArgs()]);
        owned.Add(server);
        var samples = 0;
        return new(
            $"{Triggers} HTTP triggers of a 3-node DAG from {Clients} clients, server on the folder store",
            [
                new Measure("trigger latency p99", "ms", "< 20 ms (issue 17; was < 50 ms)", 20),
                new Measure("trigger latency p50", "ms", "reported"),
                new Measure("runs per second", "/s", "reported"),
                new Measure("runs lost or doubled", "", "0", 0),
            ],
            () => RunOnceAsync(server, work, $"three-nodes-{++samples}"));
    }

    /// <summary>Each sample triggers a DAG of its own, uploaded first, so its runs are listed apart from the samples before.</summary>
    private static async Task<ScenarioSample> RunOnceAsync(LongLivedServer server, WorkEndpoint work, string dagId)
    {
        using var cancel = new CancellationTokenSource(Deadline);
        using var client = await server.ClientAsync(cancel.Token).ConfigureAwait(false);
        using (var yaml = new StringContent(ScenarioDags.ThreeNodes(dagId, work.Url(0)), Encoding.UTF8, "application/yaml"))
        using (var upload = await client.PutAsync(new Uri($"api/dags/{dagId}", UriKind.Relative), yaml, cancel.Token).ConfigureAwait(false))
        {
            if (!upload.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"the scenario's DAG was refused ({(int)upload.StatusCode}): {await upload.Content.ReadAsStringAsync(cancel.Token).ConfigureAwait(false)}");
            }
        }

        work.Reset();
        server.Objects.Reset();
        return await MeasureAsync(server, client, work, dagId, cancel.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>DD_BENCH_RUN_STARTERS</c>: the server's <c>DurableDags:Engine:RunStarters</c>, to compare
    /// starting each run's orchestration in its trigger's request (0) with the background queue in one build.
    /// </summary>
    private static string[] RunStartersArgs() =>
        Environment.GetEnvironmentVariable("DD_BENCH_RUN_STARTERS") is { Length: > 0 } starters ? [$"--DurableDags:Engine:RunStarters={starters}"] : [];

    private static async Task<ScenarioSample> MeasureAsync(LongLivedServer server, HttpClient client, WorkEndpoint work, string dagId, CancellationToken ct)
    {
        var launcher = server.App.Services.GetRequiredService<EmbeddedRunLauncher>();
        var objects = server.Objects;
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
                using var response = await client.PostAsync(new Uri($"api/dags/{dagId}/runs", UriKind.Relative), body, ct).ConfigureAwait(false);
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
        await Task.WhenAll(started.Select(s => s.RunId).Distinct(StringComparer.Ordinal).Select(id => launcher.WaitForRunAsync(dagId, id, ct))).ConfigureAwait(false);
        var allDone = clock.Elapsed;
        var after = Environment.CpuUsage;
        var cpuUsed = after.TotalTime - cpu.TotalTime;
        // From the first trigger to the end of the last run, the listing below left out.
        var calls = objects.Counts;
        var byKind = objects.ByKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{(double)k.Value / Triggers,6:F2} {k.Key}")).ToList();

        var listed = await ListRunsAsync(client, dagId, ct).ConfigureAwait(false);
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
    private static async Task<List<(string RunId, string State)>> ListRunsAsync(HttpClient client, string dagId, CancellationToken ct)
    {
        var runs = new List<(string, string)>();
        string? before = null;
        do
        {
            var path = $"api/dags/{dagId}/runs?limit=200{(before is null ? "" : $"&before={Uri.EscapeDataString(before)}")}";
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
