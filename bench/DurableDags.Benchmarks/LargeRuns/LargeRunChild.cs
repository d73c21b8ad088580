using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DurableDags.Api.Hosting;
using DurableDags.Benchmarks.Hosting;
using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Checkpoints;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Benchmarks.LargeRuns;

/// <summary>
/// <c>--large-run-child [--work URL] --store DIR [--layers N --width N]</c>: one sample of the large
/// run in a process of its own, so its peak working set is the server's alone (the bench's endpoint,
/// its earlier samples and their garbage are in the parent). The server is what <c>dags serve</c>
/// builds; the DAG goes in by <c>PUT /api/dags/{id}</c> (parsed and validated there), the run by
/// <c>POST …/runs</c>, and the sample ends when the run's orchestration has ended. The last line
/// written is <see cref="LargeRunResult"/> as JSON after <see cref="ResultPrefix"/>.
/// </summary>
public static class LargeRunChild
{
    public const string ResultPrefix = "LARGE-RUN-RESULT ";
    private const string DagId = "layered-10000";

    public static async Task<int> RunAsync(string? workUrl, string storeFolder, int layers, int width, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var ownWork = workUrl is null ? await WorkEndpoint.StartAsync().ConfigureAwait(false) : null;
        workUrl ??= ownWork!.Url(0);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var yaml = LargeRunDag.Text(DagId, workUrl, layers, width);
        var app = await DurableDagsServer.BuildAsync(new ServerOptions
        {
            DagsFolder = null,
            StoreFolder = storeFolder,
            Urls = "http://127.0.0.1:0",
            ConfigurationArgs = ["--Logging:LogLevel:Default=Warning"],
        }, cancel.Token).ConfigureAwait(false);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancel.Token).ConfigureAwait(false);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            var launcher = app.Services.GetRequiredService<EmbeddedRunLauncher>();
            var cpu = Environment.CpuUsage;
            var clock = Stopwatch.StartNew();

            using (var body = new StringContent(yaml, Encoding.UTF8, "application/yaml"))
            using (var put = await client.PutAsync(new Uri($"api/dags/{DagId}", UriKind.Relative), body, cancel.Token).ConfigureAwait(false))
            {
                if (put.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
                {
                    throw new InvalidOperationException($"the upload got {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync(cancel.Token).ConfigureAwait(false)}");
                }
            }

            var uploaded = clock.Elapsed;
            string runId;
            using (var body = new StringContent("{}", Encoding.UTF8, "application/json"))
            using (var post = await client.PostAsync(new Uri($"api/dags/{DagId}/runs", UriKind.Relative), body, cancel.Token).ConfigureAwait(false))
            {
                var text = await post.Content.ReadAsStringAsync(cancel.Token).ConfigureAwait(false);
                if (post.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"the trigger got {(int)post.StatusCode}: {text}");
                }

                runId = JsonDocument.Parse(text).RootElement.GetProperty("runId").GetString()!;
            }

            var triggered = clock.Elapsed;
            var result = await launcher.WaitForRunAsync(DagId, runId, cancel.Token).ConfigureAwait(false);
            var ended = clock.Elapsed;
            var after = Environment.CpuUsage;
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var peak = process.PeakWorkingSet64;
            var gc = GC.GetGCMemoryInfo(GCKind.Any);
            if (result.State != RunState.Succeeded)
            {
                throw new InvalidOperationException($"run {runId} ended {result.State}: {result.Error}");
            }

            var store = app.Services.GetRequiredService<ICheckpointStore>();
            var nodes = await store.ListNodesAsync(DagId, runId, cancel.Token).ConfigureAwait(false);
            var runFolder = Path.Combine(storeFolder, "runs", DagId, runId);
            var instanceFolder = Path.Combine(storeFolder, "orchestrations", "instances", $"{DagId}.{runId}");
            var history = Directory.Exists(instanceFolder) ? Directory.EnumerateFiles(instanceFolder, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList() : [];
            var sample = new LargeRunResult
            {
                UploadMs = uploaded.TotalMilliseconds,
                TriggerMs = (triggered - uploaded).TotalMilliseconds,
                RunMs = (ended - triggered).TotalMilliseconds,
                TotalMs = ended.TotalMilliseconds,
                UserCpuMs = (after.UserTime - cpu.UserTime).TotalMilliseconds,
                KernelCpuMs = (after.PrivilegedTime - cpu.PrivilegedTime).TotalMilliseconds,
                PeakWorkingSetBytes = peak,
                GcHeapBytes = gc.HeapSizeBytes,
                AllocatedBytes = GC.GetTotalAllocatedBytes(),
                Gen2Collections = GC.CollectionCount(2),
                Nodes = nodes.Count,
                Succeeded = nodes.Count(n => n.State == NodeState.Succeeded),
                RunRecordBytes = new FileInfo(Path.Combine(runFolder, "run.json")).Length,
                HistoryFiles = history.Count,
                HistoryBytes = history.Sum(f => f.Length),
                YamlBytes = Encoding.UTF8.GetByteCount(yaml),
            };
            await app.StopAsync(cancel.Token).ConfigureAwait(false);
            output.WriteLine(ResultPrefix + JsonSerializer.Serialize(sample));
            return 0;
        }
    }
}

/// <summary>What one large-run sample measured, as the child process reports it to the bench.</summary>
public sealed record LargeRunResult
{
    public double UploadMs { get; init; }
    public double TriggerMs { get; init; }
    public double RunMs { get; init; }
    public double TotalMs { get; init; }
    public double UserCpuMs { get; init; }
    public double KernelCpuMs { get; init; }
    public long PeakWorkingSetBytes { get; init; }
    public long GcHeapBytes { get; init; }
    public long AllocatedBytes { get; init; }
    public int Gen2Collections { get; init; }
    public int Nodes { get; init; }
    public int Succeeded { get; init; }
    public long RunRecordBytes { get; init; }
    public int HistoryFiles { get; init; }
    public long HistoryBytes { get; init; }
    public int YamlBytes { get; init; }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"upload {UploadMs:F0} ms, trigger {TriggerMs:F0} ms, run {RunMs:F0} ms; CPU {UserCpuMs:F0} ms user + {KernelCpuMs:F0} ms kernel; peak working set {PeakWorkingSetBytes / 1048576.0:F0} MB, GC heap at the last GC {GcHeapBytes / 1048576.0:F0} MB, {AllocatedBytes / 1048576.0:F0} MB allocated, {Gen2Collections} gen-2 GCs; {Succeeded} of {Nodes} nodes succeeded; run.json {RunRecordBytes} B; history {HistoryFiles} files, {HistoryBytes / 1024.0:F0} KB; YAML {YamlBytes / 1024.0:F0} KB");
}
