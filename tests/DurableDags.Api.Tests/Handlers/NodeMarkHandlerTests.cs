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
    public async Task A_running_run_gets_409_and_bad_marks_get_400_or_404()
    {
        (await Server.PutDagAsync("gate", """
            id: gate
            nodes:
              approve:
                type: approval
                with: { event: approve }
            """)).Dispose();
        var waiting = await Server.TriggerAsync("gate");
        await Server.WaitForRunAsync("gate", waiting, run => ApiServer.Node(run, "approve").GetProperty("state").GetString() == "waiting");
        var done = await Server.TriggerAsync("chain");
        await Server.WaitForRunAsync("chain", done);

        using var running = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{waiting}/nodes/approve/mark", ApiServer.Json("""{ "state": "succeeded" }"""));
        using var badState = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{done}/nodes/load/mark", ApiServer.Json("""{ "state": "skipped", "who": 1 }"""));
        using var unknown = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{done}/nodes/nope/mark", ApiServer.Json("""{ "state": "failed" }"""));
        using var reader = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{done}/nodes/load/mark", ApiServer.Json("""{ "state": "failed" }"""), ApiServer.ReaderKey);

        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
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
