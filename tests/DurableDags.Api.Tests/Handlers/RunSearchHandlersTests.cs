using System.Net;
using System.Text.Json;
using DurableDags.Api.Hosting;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Core.States;
using DurableDags.Storage.Runs;
using DurableDags.Storage.Tests.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Tests.Handlers;

/// <summary><c>GET /api/runs</c> and <c>GET /api/import-errors</c> over HTTP, on each real store.</summary>
public abstract class RunSearchHandlersTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private ApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await StartAsync();
        foreach (var dagId in new[] { "alpha", "beta", "gamma" })
        {
            (await _server.PutDagAsync(dagId, $"id: {dagId}\nnodes:\n  one: {{ type: noop }}\n")).Dispose();
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected abstract Task<ApiServer> StartAsync();

    [Fact]
    public async Task Paging_with_the_cursor_lists_every_run_of_every_dag_once_newest_first_even_runs_of_the_same_tick()
    {
        // Two DAGs hold a run with the same id and creation time: the order falls back to the DAG id.
        await SeedAsync("alpha", "r1", 0);
        await SeedAsync("beta", "r1", 0);
        await SeedAsync("alpha", "r2", 1);
        await SeedAsync("gamma", "r3", 2);
        await SeedAsync("beta", "r4", 3);
        await SeedAsync("gamma", "r5", 3);

        var listed = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _server.GetJsonAsync("/api/runs?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            listed.AddRange(page.GetProperty("runs").EnumerateArray().Select(r => $"{r.GetProperty("dagId").GetString()}/{r.GetProperty("runId").GetString()}"));
            cursor = page.GetProperty("next").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["beta/r4", "gamma/r5", "gamma/r3", "alpha/r2", "alpha/r1", "beta/r1"], listed);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Each_filter_keeps_only_the_runs_it_names()
    {
        await SeedAsync("alpha", "a-failed", 0, RunState.Failed, TriggerKind.Schedule, logicalDay: 1);
        await SeedAsync("alpha", "a-http", 1, RunState.Succeeded, TriggerKind.Http, logicalDay: 2);
        await SeedAsync("beta", "b-sched", 2, RunState.Succeeded, TriggerKind.Schedule, logicalDay: 3);
        await SeedAsync("beta", "b-rerun", 3, RunState.Failed, TriggerKind.Rerun, logicalDay: null);
        await SeedAsync("gamma", "g-sched", 4, RunState.Succeeded, TriggerKind.Schedule, logicalDay: 5);

        Assert.Equal(["b-rerun", "a-failed"], await RunIdsAsync("state=failed"));
        Assert.Equal(["b-rerun", "b-sched"], await RunIdsAsync("dagId=beta"));
        Assert.Equal(["g-sched", "b-sched", "a-failed"], await RunIdsAsync("trigger=schedule"));
        Assert.Equal(["b-sched", "a-http"], await RunIdsAsync($"logicalFrom={Iso(Day(2))}&logicalTo={Iso(Day(3))}"));
        Assert.Equal(["b-rerun", "b-sched", "a-http"], await RunIdsAsync($"createdFrom={Iso(Minute(1))}&createdTo={Iso(Minute(3))}"));
        Assert.Equal(["b-sched"], await RunIdsAsync($"trigger=schedule&state=succeeded&createdTo={Iso(Minute(3))}&logicalFrom=2026-11-02"));
        Assert.Equal(["g-sched", "b-sched"], await RunIdsAsync("q=SCHED"));
        Assert.Equal(["a-http"], await RunIdsAsync("q=%20a-h%20&dagId=alpha"));
    }

    [Fact]
    public async Task Bad_filters_and_a_cursor_the_server_did_not_give_get_one_400_naming_each()
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "/api/runs?state=done&trigger=cron&dagId=Bad!&createdFrom=yesterday&limit=0&cursor=abc&q=" + new string('x', 129));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = (await ApiServer.ReadJsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order();
        Assert.Equal(["createdFrom", "cursor", "dagId", "limit", "q", "state", "trigger"], paths);
    }

    [Fact]
    public async Task Listing_needs_a_key_and_the_read_role_is_enough()
    {
        await SeedAsync("alpha", "r1", 0);

        using var anonymous = await _server.SendAsync(HttpMethod.Get, "/api/runs", key: null);
        var page = await _server.GetJsonAsync("/api/runs", ApiServer.ReaderKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("r1", Assert.Single(page.GetProperty("runs").EnumerateArray()).GetProperty("runId").GetString());
    }

    [Fact]
    public async Task A_broken_file_of_the_folder_is_an_import_error_with_its_line_and_column_until_it_is_mended()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"dd-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var broken = Path.Combine(folder, "broken.yaml");
            await File.WriteAllTextAsync(broken, "id: broken\nnodes:\n  one:\n    type: teleport\n");
            var importer = _server.Host.Services.GetRequiredService<DagFolderImporter>();
            var before = DateTimeOffset.UtcNow;

            await importer.ImportAsync(folder, CancellationToken.None);
            var errors = (await _server.GetJsonAsync("/api/import-errors", ApiServer.ReaderKey)).GetProperty("errors");
            await File.WriteAllTextAsync(broken, "id: broken\nnodes:\n  one: { type: noop }\n");
            await importer.ImportAsync(folder, CancellationToken.None);
            var mended = (await _server.GetJsonAsync("/api/import-errors")).GetProperty("errors");

            var error = Assert.Single(errors.EnumerateArray());
            Assert.Equal((broken, 4, 11), (error.GetProperty("file").GetString(), error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
            Assert.Contains("teleport", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.InRange(error.GetProperty("at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow);
            Assert.Equal(0, mended.GetArrayLength());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<List<string?>> RunIdsAsync(string query) =>
        [.. (await _server.GetJsonAsync("/api/runs?" + query)).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString())];

    private Task SeedAsync(string dagId, string runId, int minute, RunState state = RunState.Succeeded, TriggerKind trigger = TriggerKind.Http, int? logicalDay = null) =>
        _server.SeedRunAsync(dagId, runId, Minute(minute), state, trigger, logicalDay is { } day ? Day(day) : null);

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Minute(int minute) => T0.AddMinutes(minute);

    private static DateTimeOffset Day(int day) => T0.AddDays(day - 1);
}

public sealed class RunSearchHandlersOnFolderTests : RunSearchHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class RunSearchHandlersOnAzuriteTests(AzuriteFixture azurite) : RunSearchHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite);
}
