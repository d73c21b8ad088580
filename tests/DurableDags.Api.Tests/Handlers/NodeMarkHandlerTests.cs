using System.Net;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>Marking a node over HTTP on the embedded engine, on each real store.</summary>
public abstract class NodeMarkHandlerTests : ServerWithCounterTests
{
    protected override async Task RegisterDagsAsync()
    {
        (await Server.PutDagAsync("chain", $$$"""
            id: chain
            nodes:
              extract:
                type: http
                with: { url: "{{{Counter.Url("extract")}}}" }
              transform:
                needs: [extract]
                type: http
                with: { url: "{{{Counter.Url("transform")}}}" }
              load:
                needs: [transform]
                type: http
                with: { url: "{{{Counter.Url("load")}}}" }
              alert:
                needs: [transform]
                trigger: one_failed
                type: noop
            """)).Dispose();
        (await Server.PutDagAsync("gate", $$$"""
            id: gate
            nodes:
              start:
                type: noop
              approve:
                needs: [start]
                type: approval
                with: { event: approve }
              ship:
                needs: [approve]
                type: http
                with: { url: "{{{Counter.Url("ship")}}}" }
            """)).Dispose();
    }

    private async Task<string> WaitingGateAsync()
    {
        var runId = await Server.TriggerAsync("gate");
        await Server.WaitForRunAsync("gate", runId, run => ApiServer.Node(run, "approve").GetProperty("state").GetString() == "waiting");
        return runId;
    }

    [Fact]
    public async Task Marking_a_waiting_approval_succeeded_in_a_running_run_runs_its_downstream_and_records_who()
    {
        var runId = await WaitingGateAsync();

        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{runId}/nodes/approve/mark",
            ApiServer.Json("""{ "state": "succeeded", "reason": "approved on the phone" }"""), ApiServer.TriggerKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(runId, (await ApiServer.ReadJsonAsync(response)).GetProperty("runId").GetString());
        var run = await Server.WaitForRunAsync("gate", runId);
        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        Assert.Equal(1, Counter.Calls("ship"));
        var approve = ApiServer.Node(run, "approve");
        Assert.Equal("succeeded", approve.GetProperty("state").GetString());
        var mark = approve.GetProperty("mark");
        Assert.Equal(("succeeded", "approved on the phone", "ci"), (mark.GetProperty("state").GetString(), mark.GetProperty("reason").GetString(), mark.GetProperty("by").GetString()));
    }

    [Fact]
    public async Task Marking_a_waiting_approval_failed_in_a_running_run_fails_its_all_success_downstream()
    {
        var runId = await WaitingGateAsync();

        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{runId}/nodes/approve/mark", ApiServer.Json("""{ "state": "failed", "reason": "not today" }"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await Server.WaitForRunAsync("gate", runId);
        Assert.Equal("failed", run.GetProperty("state").GetString());
        Assert.Equal("upstream_failed", ApiServer.Node(run, "ship").GetProperty("state").GetString());
        Assert.Equal(0, Counter.Calls("ship"));
        var approve = ApiServer.Node(run, "approve");
        Assert.Equal(("failed", "marked failed by admin: not today"), (approve.GetProperty("state").GetString(), approve.GetProperty("error").GetString()));
        Assert.Equal("admin", approve.GetProperty("mark").GetProperty("by").GetString());
    }

    [Fact]
    public async Task Marking_a_failed_node_succeeded_runs_its_downstream_by_the_trigger_rules_and_records_who_and_why()
    {
        Counter.Failing["transform"] = true;
        var first = await Server.TriggerAsync("chain");
        var failed = await Server.WaitForRunAsync("chain", first);
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Equal("succeeded", ApiServer.Node(failed, "alert").GetProperty("state").GetString());
        Counter.Failing.Clear();

        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{first}/nodes/transform/mark",
            ApiServer.Json("""{ "state": "succeeded", "reason": "loaded by hand" }"""), ApiServer.TriggerKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var markedId = (await ApiServer.ReadJsonAsync(response)).GetProperty("runId").GetString()!;
        var marked = await Server.WaitForRunAsync("chain", markedId);
        Assert.Equal("succeeded", marked.GetProperty("state").GetString());
        Assert.Equal(first, marked.GetProperty("trigger").GetProperty("rerunOf").GetString());
        Assert.Equal((1, 1, 1), (Counter.Calls("extract"), Counter.Calls("transform"), Counter.Calls("load")));
        Assert.Equal("skipped", ApiServer.Node(marked, "alert").GetProperty("state").GetString());
        var transform = ApiServer.Node(marked, "transform");
        Assert.Equal("succeeded", transform.GetProperty("state").GetString());
        var mark = transform.GetProperty("mark");
        Assert.Equal(("succeeded", "loaded by hand", "ci"), (mark.GetProperty("state").GetString(), mark.GetProperty("reason").GetString(), mark.GetProperty("by").GetString()));
        var original = await Server.GetJsonAsync($"/api/dags/chain/runs/{first}");
        Assert.Equal("failed", ApiServer.Node(original, "transform").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Marking_a_succeeded_node_failed_fails_its_downstream_and_runs_the_one_failed_branch()
    {
        var first = await Server.TriggerAsync("chain");
        await Server.WaitForRunAsync("chain", first, "succeeded");

        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{first}/nodes/transform/mark", ApiServer.Json("""{ "state": "failed", "reason": "bad rows" }"""));
        var marked = await Server.WaitForRunAsync("chain", (await ApiServer.ReadJsonAsync(response)).GetProperty("runId").GetString()!);

        Assert.Equal("failed", marked.GetProperty("state").GetString());
        Assert.Equal("upstream_failed", ApiServer.Node(marked, "load").GetProperty("state").GetString());
        Assert.Equal("succeeded", ApiServer.Node(marked, "alert").GetProperty("state").GetString());
        Assert.Equal("marked failed by admin: bad rows", ApiServer.Node(marked, "transform").GetProperty("error").GetString());
        Assert.Equal(1, Counter.Calls("load"));
    }

    [Fact]
    public async Task A_node_of_a_running_run_that_is_not_waiting_gets_409_and_bad_marks_get_400_or_404()
    {
        var waiting = await WaitingGateAsync();
        var done = await Server.TriggerAsync("chain");
        await Server.WaitForRunAsync("chain", done);

        using var ended = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{waiting}/nodes/start/mark", ApiServer.Json("""{ "state": "failed" }"""));
        using var pending = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{waiting}/nodes/ship/mark", ApiServer.Json("""{ "state": "succeeded" }"""));
        using var badState = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{done}/nodes/load/mark", ApiServer.Json("""{ "state": "skipped", "who": 1 }"""));
        using var unknown = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{done}/nodes/nope/mark", ApiServer.Json("""{ "state": "failed" }"""));
        using var reader = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{done}/nodes/load/mark", ApiServer.Json("""{ "state": "failed" }"""), ApiServer.ReaderKey);

        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Equal($"Node 'start' of running run '{waiting}' is succeeded", (await ApiServer.ReadJsonAsync(ended)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        Assert.Equal($"Node 'ship' of running run '{waiting}' is pending", (await ApiServer.ReadJsonAsync(pending)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Equal(["state", "who"], (await ApiServer.ReadJsonAsync(badState)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }
}

public sealed class NodeMarkHandlerOnFolderTests : NodeMarkHandlerTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class NodeMarkHandlerOnAzuriteTests(AzuriteFixture azurite) : NodeMarkHandlerTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite);
}
