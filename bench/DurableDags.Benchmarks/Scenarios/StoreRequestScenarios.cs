using System.Globalization;
using System.Text;
using DurableDags.Benchmarks.Hosting;
using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// Issue 17: what a node costs the store. Azurite serves one request at a time on one Node.js
/// thread, so a run of many fast nodes on it is bound by store requests per node, not by the
/// engine's CPU: 1,000 independent http nodes against the bench's local Kestrel endpoint.
/// </summary>
public static class StoreRequestScenarios
{
    public const int HttpNodes = 1_000;
    public const int HttpParallelism = 64;
    public const int HttpWorkMs = 0;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>1,000 http nodes without edges on a fresh Azurite and engine per sample.</summary>
    public static Scenario IndependentHttpOnAzurite(WorkEndpoint work, AzuriteProcess azurite)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(azurite);
        const string dagId = "http-1000";
        var yaml = IndependentHttp(dagId, HttpNodes, HttpParallelism, work.Url(HttpWorkMs));
        return new Scenario(
            $"{HttpNodes:N0} independent http nodes, maxParallelNodes {HttpParallelism}, Azurite",
            [
                new Measure("run", "ms", "< 5,000 ms", 5_000),
                new Measure("store requests per node", "", "reported"),
                new Measure("store writes per succeeded http node", "", "≤ 2", 2),
            ],
            async () =>
            {
                await azurite.RestartAsync().ConfigureAwait(false);
                work.Reset();
                var azuriteCpu = azurite.Cpu;
                RunTiming run;
                int succeeded;
                await using (var host = await EngineHost.StartAsync(await azurite.NewStoreAsync().ConfigureAwait(false)).ConfigureAwait(false))
                {
                    await host.PutDagAsync(dagId, yaml).ConfigureAwait(false);
                    run = await host.RunAsync(dagId, "r1", Deadline).ConfigureAwait(false);
                    succeeded = await SucceededNodesAsync(host.Store, dagId, "r1").ConfigureAwait(false);
                }

                if (work.RepeatedKeys is { Count: > 0 } repeated)
                {
                    throw new InvalidOperationException($"attempts called the endpoint more than once: {string.Join(", ", repeated.Take(5))}");
                }

                var c = run.Counts;
                var requests = c.Gets + c.Lists + c.Writes + c.Deletes;
                return new ScenarioSample(
                    [run.Wall.TotalMilliseconds, (double)requests / HttpNodes, WritesPer(c, succeeded)],
                    run.Cpu,
                    Invariant($"{work.Calls} calls; {succeeded} nodes succeeded; store calls: {c.Writes} writes ({c.MeanWriteBytes} B mean), {c.Deletes} deletes, {c.Gets} reads, {c.Lists} lists; Azurite CPU {(azurite.Cpu - azuriteCpu).TotalMilliseconds:F0} ms; engine CPU {run.UserCpu.TotalMilliseconds:F0} ms user + {run.KernelCpu.TotalMilliseconds:F0} ms kernel"))
                {
                    Verbose = run.ByKind,
                };
            }) with { MaxRepeat = 3, MaxWarmUps = 2 };
    }

    /// <summary>Writes (puts and creates, deletes apart) a run made, per node that succeeded.</summary>
    public static double WritesPer(StoreCounts counts, int succeededNodes) =>
        succeededNodes == 0 ? double.NaN : (double)counts.Writes / succeededNodes;

    /// <summary>How many of the run's node records say succeeded.</summary>
    public static async Task<int> SucceededNodesAsync(ICheckpointStore store, string dagId, string runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (await store.ListNodesAsync(dagId, runId).ConfigureAwait(false)).Count(n => n.State == NodeState.Succeeded);
    }

    /// <summary><paramref name="nodes"/> <c>http</c> GETs of <paramref name="url"/> with no edges.</summary>
    public static string IndependentHttp(string id, int nodes, int maxParallelNodes, string url)
    {
        var yaml = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"id: {id}\n")
            .Append(CultureInfo.InvariantCulture, $"description: {nodes} independent http calls\n")
            .Append(CultureInfo.InvariantCulture, $"maxParallelNodes: {maxParallelNodes}\n")
            .Append("nodes:\n");
        for (var i = 0; i < nodes; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  h{i:D4}:\n    type: http\n    with: {{ method: GET, url: \"{url}\" }}\n");
        }

        return yaml.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
