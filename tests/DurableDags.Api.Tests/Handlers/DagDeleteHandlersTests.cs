using System.Net;
using DurableDags.Api.Scheduling;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Core.States;
using DurableDags.Storage.Tests.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>Deleting DAGs and purging runs over HTTP on the embedded engine, on each real store.</summary>
public abstract class DagDeleteHandlersTests : IAsyncLifetime
{
    protected static readonly Dictionary<string, string?> Settings = new() { ["DurableDags:Retention:RunDays"] = "7" };

    private const string Noop = "id: {0}\nnodes:\n  one: {{ type: noop }}\n  two: {{ type: noop, needs: [one] }}\n";

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected abstract Task<ApiServer> StartAsync();

    [Fact]
    public async Task A_dag_with_runs_is_deleted_only_with_runs_true_and_then_its_runs_versions_and_nodes_are_gone()
    {
        await PutAsync("doomed");
        (await _server.PutDagAsync("doomed", string.Format(System.Globalization.CultureInfo.InvariantCulture, Noop, "doomed") + "description: v2\n")).Dispose();
        var runId = await _server.TriggerAsync("doomed");
        await _server.WaitForRunAsync("doomed", runId, "succeeded");

        using var refused = await _server.SendAsync(HttpMethod.Delete, "/api/dags/doomed");
        using var trigger = await _server.SendAsync(HttpMethod.Delete, "/api/dags/doomed?runs=true", key: ApiServer.TriggerKey);
        using var deleted = await _server.SendAsync(HttpMethod.Delete, "/api/dags/doomed?runs=true");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(runId, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, trigger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(1, (await ApiServer.ReadJsonAsync(deleted)).GetProperty("runsDeleted").GetInt32());
        using var dag = await _server.SendAsync(HttpMethod.Get, "/api/dags/doomed");
        using var run = await _server.SendAsync(HttpMethod.Get, $"/api/dags/doomed/runs/{runId}");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (dag.StatusCode, run.StatusCode));
        Assert.Empty(await _server.Store.ListNodesAsync("doomed", runId));
        Assert.Empty(await _server.Store.ListDagVersionsAsync("doomed"));
        Assert.Empty((await _server.GetJsonAsync("/api/runs")).GetProperty("runs").EnumerateArray());

        using var again = await _server.PutDagAsync("doomed", string.Format(System.Globalization.CultureInfo.InvariantCulture, Noop, "doomed"));
        Assert.Equal(1, (await ApiServer.ReadJsonAsync(again)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_dag_whose_run_is_still_going_is_not_deleted_and_the_409_names_the_run()
    {
        (await _server.PutDagAsync("gate", "id: gate\nnodes:\n  approve:\n    type: approval\n    with: { event: approve }\n")).Dispose();
        var runId = await _server.TriggerAsync("gate");
        await _server.WaitForRunAsync("gate", runId, run => ApiServer.Node(run, "approve").GetProperty("state").GetString() == "waiting");

        using var refused = await _server.SendAsync(HttpMethod.Delete, "/api/dags/gate?runs=true");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(runId, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("running", (await _server.GetJsonAsync($"/api/dags/gate/runs/{runId}")).GetProperty("state").GetString());
        using var unknown = await _server.SendAsync(HttpMethod.Delete, "/api/dags/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_purge_deletes_the_runs_that_ended_before_the_cutoff_and_never_one_still_going()
    {
        await PutAsync("aging");
        var now = DateTimeOffset.UtcNow;
        await SeedAsync("aging", "old-done", now.AddDays(-40), RunState.Succeeded);
        await SeedAsync("aging", "old-failed", now.AddDays(-35), RunState.Failed);
        await SeedAsync("aging", "old-going", now.AddDays(-50), RunState.Queued);
        await SeedAsync("aging", "recent", now.AddDays(-2), RunState.Succeeded);

        using var bad = await _server.SendAsync(HttpMethod.Post, "/api/runs/purge?olderThan=soon");
        using var response = await _server.SendAsync(HttpMethod.Post, "/api/runs/purge?olderThan=30d");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var purged = await ApiServer.ReadJsonAsync(response);
        Assert.Equal(["aging/old-done", "aging/old-failed"], purged.GetProperty("runs").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal(["old-going", "recent"], (await _server.GetJsonAsync("/api/dags/aging/runs")).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()).Order());
    }

    [Fact]
    public async Task The_scheduler_tick_purges_runs_past_the_retention_setting()
    {
        await PutAsync("kept");
        var now = DateTimeOffset.UtcNow;
        await SeedAsync("kept", "week-old", now.AddDays(-8), RunState.Succeeded);
        await SeedAsync("kept", "day-old", now.AddDays(-1), RunState.Succeeded);

        await _server.Host.Services.GetRequiredService<SchedulerTick>().RunAsync(now);

        Assert.Equal(["day-old"], (await _server.GetJsonAsync("/api/dags/kept/runs")).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
    }

    private async Task PutAsync(string dagId) =>
        (await _server.PutDagAsync(dagId, string.Format(System.Globalization.CultureInfo.InvariantCulture, Noop, dagId))).Dispose();

    private Task SeedAsync(string dagId, string runId, DateTimeOffset at, RunState state) => _server.SeedRunAsync(dagId, runId, at, state);
}

public sealed class DagDeleteHandlersOnFolderTests : DagDeleteHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync(settings: Settings);
}

[Collection(AzuriteCollection.Name)]
public sealed class DagDeleteHandlersOnAzuriteTests(AzuriteFixture azurite) : DagDeleteHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite, settings: Settings);
}
