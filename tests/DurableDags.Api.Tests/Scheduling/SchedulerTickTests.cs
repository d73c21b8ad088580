using System.Text.Json;
using DurableDags.Api.Scheduling;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Storage.Blob;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Tests.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Tests.Scheduling;

/// <summary>
/// The scheduler tick with its clock in the test's hands (each tick is given its instant), over
/// HTTP-registered DAGs and the embedded engine, on each real store.
/// </summary>
public abstract class SchedulerTickTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Nov5At7 = new(2026, 11, 5, 7, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Settings = new() { ["DurableDags:Scheduler:MaxRunsPerTick"] = "3" };

    private readonly List<ApiServer> _servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in Enumerable.Reverse(_servers))
        {
            await server.DisposeAsync();
        }
    }

    protected abstract Task<IObjectStore> NewStoreAsync();

    /// <summary>A second handle on the same store, as a second server would have.</summary>
    protected abstract Task<IObjectStore> SameStoreAsync(IObjectStore store);

    [Fact]
    public async Task With_catchup_each_tick_starts_at_most_the_configured_number_of_missed_runs_oldest_first()
    {
        var server = await StartAsync(await NewStoreAsync());
        (await server.PutDagAsync("daily", Daily(catchup: true))).Dispose();
        var tick = Tick(server);

        var first = await tick.RunAsync(Nov5At7);
        var second = await tick.RunAsync(Nov5At7);
        var third = await tick.RunAsync(Nov5At7);

        Assert.Equal(["scheduled__20261101T060000Z", "scheduled__20261102T060000Z", "scheduled__20261103T060000Z"], first.Started);
        Assert.Equal(["scheduled__20261104T060000Z", "scheduled__20261105T060000Z"], second.Started);
        Assert.Empty(third.Started);
        var run = await server.WaitForRunAsync("daily", "scheduled__20261102T060000Z");
        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        Assert.Equal("schedule", run.GetProperty("trigger").GetProperty("kind").GetString());
        Assert.Equal("2026-11-02", run.GetProperty("params").GetProperty("day").GetString());
    }

    [Fact]
    public async Task Without_catchup_only_the_latest_due_run_starts()
    {
        var server = await StartAsync(await NewStoreAsync());
        (await server.PutDagAsync("daily", Daily(catchup: false))).Dispose();

        var report = await Tick(server).RunAsync(Nov5At7);
        var next = (await server.GetJsonAsync("/api/dags")).GetProperty("dags")[0].GetProperty("nextRunAt");

        Assert.Equal(["scheduled__20261105T060000Z"], report.Started);
        Assert.Equal(new TimeSpan(6, 0, 0), next.GetDateTimeOffset().UtcDateTime.TimeOfDay);
    }

    [Fact]
    public async Task Due_runs_wait_while_max_active_runs_are_running_and_start_when_one_ends()
    {
        var server = await StartAsync(await NewStoreAsync());
        (await server.PutDagAsync("gated", """
            id: gated
            schedule: "0 0 6 * * *"
            start: 2026-11-01T00:00:00Z
            catchup: true
            maxActiveRuns: 2
            nodes:
              approve:
                type: approval
                with: { event: approve }
            """)).Dispose();
        var tick = Tick(server);

        var first = await tick.RunAsync(Nov5At7);
        var held = await tick.RunAsync(Nov5At7);
        var next = (await server.GetJsonAsync("/api/dags")).GetProperty("dags")[0].GetProperty("nextRunAt").GetDateTimeOffset();
        await server.WaitForRunAsync("gated", "scheduled__20261101T060000Z", run => ApiServer.Node(run, "approve").GetProperty("state").GetString() == "waiting");
        (await server.SendAsync(HttpMethod.Post, "/api/dags/gated/runs/scheduled__20261101T060000Z/events/approve", ApiServer.Json("{}"))).Dispose();
        await server.WaitForRunAsync("gated", "scheduled__20261101T060000Z", "succeeded");
        var after = await tick.RunAsync(Nov5At7);

        Assert.Equal(["scheduled__20261101T060000Z", "scheduled__20261102T060000Z"], first.Started);
        Assert.Empty(held.Started);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 6, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(["scheduled__20261103T060000Z"], after.Started);
    }

    [Fact]
    public async Task A_paused_dag_gets_no_scheduled_runs_until_it_is_unpaused()
    {
        var server = await StartAsync(await NewStoreAsync());
        (await server.PutDagAsync("daily", Daily(catchup: false))).Dispose();
        (await server.SendAsync(HttpMethod.Post, "/api/dags/daily/pause")).Dispose();
        var tick = Tick(server);

        var paused = await tick.RunAsync(Nov5At7);
        using var manual = await server.SendAsync(HttpMethod.Post, "/api/dags/daily/runs", ApiServer.Json("{}"));
        (await server.SendAsync(HttpMethod.Post, "/api/dags/daily/unpause")).Dispose();
        var unpaused = await tick.RunAsync(Nov5At7);

        Assert.Empty(paused.Started);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, manual.StatusCode);
        Assert.Equal(["scheduled__20261105T060000Z"], unpaused.Started);
    }

    [Fact]
    public async Task Two_schedulers_ticking_on_one_store_start_each_due_run_once()
    {
        var store = await NewStoreAsync();
        var one = await StartAsync(store, new Dictionary<string, string?> { ["DurableDags:Scheduler:MaxRunsPerTick"] = "10" });
        var two = await StartAsync(await SameStoreAsync(store), new Dictionary<string, string?> { ["DurableDags:Scheduler:MaxRunsPerTick"] = "10" });
        (await one.PutDagAsync("daily", Daily(catchup: true))).Dispose();

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { Tick(one).RunAsync(Nov5At7), Tick(two).RunAsync(Nov5At7) }));

        var started = reports.SelectMany(r => r.Started).ToList();
        Assert.Equal(5, started.Count);
        Assert.Equal(5, started.Distinct().Count());
        var runs = (await two.GetJsonAsync("/api/dags/daily/runs")).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()).ToList();
        Assert.Equal(started.Order(StringComparer.Ordinal), runs.Order(StringComparer.Ordinal));
        foreach (var runId in started)
        {
            Assert.Equal("succeeded", (await one.WaitForRunAsync("daily", runId)).GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task A_scheduled_run_whose_params_do_not_bind_is_recorded_failed_with_the_reason()
    {
        var server = await StartAsync(await NewStoreAsync());
        (await server.PutDagAsync("needy", """
            id: needy
            schedule: "@daily"
            start: 2026-11-01T00:00:00Z
            params:
              region: { type: string }
            nodes:
              only: { type: noop }
            """)).Dispose();

        var report = await Tick(server).RunAsync(Nov5At7);

        var run = await server.GetJsonAsync($"/api/dags/needy/runs/{Assert.Single(report.Started)}");
        Assert.Equal("failed", run.GetProperty("state").GetString());
        Assert.Contains("required parameter 'region' (string) is missing", run.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static string Daily(bool catchup) => $$$"""
        id: daily
        schedule: "0 0 6 * * *"
        start: 2026-11-01T00:00:00Z
        catchup: {{{(catchup ? "true" : "false")}}}
        params:
          day: { type: string, default: "${{ formatDate(run.logicalDate, 'yyyy-MM-dd') }}" }
        nodes:
          only: { type: noop }
        """;

    private static SchedulerTick Tick(ApiServer server) => server.Host.Services.GetRequiredService<SchedulerTick>();

    private async Task<ApiServer> StartAsync(IObjectStore store, Dictionary<string, string?>? settings = null)
    {
        var server = await ApiServer.OnStoreAsync(store, settings: settings ?? Settings);
        _servers.Add(server);
        return server;
    }
}

public sealed class SchedulerTickOnFolderTests : SchedulerTickTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"dd-sched-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    protected override Task<IObjectStore> NewStoreAsync() => Task.FromResult<IObjectStore>(new FolderObjectStore(_folder));

    protected override Task<IObjectStore> SameStoreAsync(IObjectStore store) => Task.FromResult<IObjectStore>(new FolderObjectStore(_folder));
}

[Collection(AzuriteCollection.Name)]
public sealed class SchedulerTickOnAzuriteTests(AzuriteFixture azurite) : SchedulerTickTests
{
    private string _container = "";

    protected override async Task<IObjectStore> NewStoreAsync()
    {
        _container = $"s{Guid.NewGuid():N}";
        return await BlobObjectStore.ConnectAsync(new BlobStoreOptions { ConnectionString = azurite.ConnectionString, ContainerName = _container });
    }

    protected override async Task<IObjectStore> SameStoreAsync(IObjectStore store) =>
        await BlobObjectStore.ConnectAsync(new BlobStoreOptions { ConnectionString = azurite.ConnectionString, ContainerName = _container });
}
