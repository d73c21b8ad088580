using System.Net;
using System.Text.Json;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>Rerun, cancel and events over HTTP on the embedded engine, on each real store.</summary>
public abstract class RunControlHandlersTests : ServerWithCounterTests
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
                with: { url: "{{{Counter.Url("transform")}}}", query: { from: "${{ nodes.extract.output.body.call }}" } }
              load:
                needs: [transform]
                type: http
                with: { url: "{{{Counter.Url("load")}}}" }
              audit:
                needs: [extract]
                type: http
                with: { url: "{{{Counter.Url("audit")}}}" }
            """)).Dispose();
    }

    [Fact]
    public async Task A_rerun_from_a_node_runs_it_and_its_downstream_and_keeps_the_rest_without_calling_it_again()
    {
        var first = await Server.TriggerAsync("chain");
        await Server.WaitForRunAsync("chain", first, "succeeded");

        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{first}/rerun", ApiServer.Json("""{ "from": "transform" }"""), ApiServer.TriggerKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var rerunId = (await ApiServer.ReadJsonAsync(response)).GetProperty("runId").GetString()!;
        var rerun = await Server.WaitForRunAsync("chain", rerunId);
        Assert.Equal("succeeded", rerun.GetProperty("state").GetString());
        Assert.Equal("rerun", rerun.GetProperty("trigger").GetProperty("kind").GetString());
        Assert.Equal(first, rerun.GetProperty("trigger").GetProperty("rerunOf").GetString());
        Assert.Equal((1, 2, 2, 1), (Counter.Calls("extract"), Counter.Calls("transform"), Counter.Calls("load"), Counter.Calls("audit")));
        var extract = ApiServer.Node(rerun, "extract");
        Assert.Equal("succeeded", extract.GetProperty("state").GetString());
        Assert.Equal(1, extract.GetProperty("output").GetProperty("body").GetProperty("call").GetInt32());
        Assert.Equal(2, ApiServer.Node(rerun, "transform").GetProperty("output").GetProperty("body").GetProperty("call").GetInt32());
        Assert.Equal(1, ApiServer.Node(rerun, "audit").GetProperty("output").GetProperty("body").GetProperty("call").GetInt32());
    }

    [Fact]
    public async Task A_rerun_of_failed_nodes_only_runs_them_and_their_downstream_again()
    {
        Counter.Failing["transform"] = true;
        var first = await Server.TriggerAsync("chain");
        var failed = await Server.WaitForRunAsync("chain", first);
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Equal("upstream_failed", ApiServer.Node(failed, "load").GetProperty("state").GetString());
        Counter.Failing.Clear();

        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{first}/rerun", ApiServer.Json("""{ "failedOnly": true }"""));
        var rerun = await Server.WaitForRunAsync("chain", (await ApiServer.ReadJsonAsync(response)).GetProperty("runId").GetString()!);

        Assert.Equal("succeeded", rerun.GetProperty("state").GetString());
        Assert.Equal((1, 2, 1, 1), (Counter.Calls("extract"), Counter.Calls("transform"), Counter.Calls("load"), Counter.Calls("audit")));
    }

    [Fact]
    public async Task A_rerun_uses_the_original_version_even_after_the_dag_changed()
    {
        var first = await Server.TriggerAsync("chain");
        await Server.WaitForRunAsync("chain", first);
        (await Server.PutDagAsync("chain", """
            id: chain
            nodes:
              only:
                type: noop
            """)).Dispose();

        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{first}/rerun", ApiServer.Json("""{ "from": "load" }"""));
        var rerun = await Server.WaitForRunAsync("chain", (await ApiServer.ReadJsonAsync(response)).GetProperty("runId").GetString()!);

        Assert.Equal(1, rerun.GetProperty("dagVersion").GetInt32());
        Assert.Equal(["extract", "transform", "load", "audit"], rerun.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()));
        Assert.Equal(2, Counter.Calls("load"));
    }

    [Fact]
    public async Task A_rerun_from_an_unknown_node_gets_400()
    {
        var first = await Server.TriggerAsync("chain");
        await Server.WaitForRunAsync("chain", first);

        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{first}/rerun", ApiServer.Json("""{ "from": "nope", "extra": 1 }"""));
        using var unknownNode = await Server.SendAsync(HttpMethod.Post, $"/api/dags/chain/runs/{first}/rerun", ApiServer.Json("""{ "from": "nope" }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("extra", Assert.Single((await ApiServer.ReadJsonAsync(response)).GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownNode.StatusCode);
        Assert.Contains("has no node 'nope'", (await unknownNode.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_run_whose_sensor_waits_ends_it_cancelled_and_a_second_cancel_gets_409()
    {
        // The sensor checks this server's own health until a condition that never holds, sleeping
        // on a durable timer between checks: the wait a cancel must end.
        (await Server.PutDagAsync("watch", $$$"""
            id: watch
            nodes:
              arrived:
                type: sensor
                with:
                  http: { url: "{{{Server.Host.Client.BaseAddress}}}api/health" }
                  condition: "${{ response.body.status == 'never' }}"
                  pollInterval: 1h
              after:
                needs: [arrived]
                type: noop
            """)).Dispose();
        var runId = await Server.TriggerAsync("watch");
        await Server.WaitForRunAsync("watch", runId, run => ApiServer.Node(run, "arrived").GetProperty("state").GetString() == "waiting");

        using var cancel = await Server.SendAsync(HttpMethod.Post, $"/api/dags/watch/runs/{runId}/cancel", key: ApiServer.TriggerKey);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal($$"""{"runId":"{{runId}}","state":"cancelling"}""", await cancel.Content.ReadAsStringAsync());
        var run = await Server.WaitForRunAsync("watch", runId);
        Assert.Equal("cancelled", run.GetProperty("state").GetString());
        Assert.Equal("cancelled", ApiServer.Node(run, "arrived").GetProperty("state").GetString());
        Assert.NotEqual("succeeded", ApiServer.Node(run, "after").GetProperty("state").GetString());
        using var again = await Server.SendAsync(HttpMethod.Post, $"/api/dags/watch/runs/{runId}/cancel");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_approval_event_lets_a_waiting_run_go_on()
    {
        (await Server.PutDagAsync("gate", """
            id: gate
            nodes:
              approve:
                type: approval
                with: { event: approve }
              ship:
                needs: [approve]
                type: noop
            """)).Dispose();
        var runId = await Server.TriggerAsync("gate");
        await Server.WaitForRunAsync("gate", runId, run => ApiServer.Node(run, "approve").GetProperty("state").GetString() == "waiting");

        using var rerun = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{runId}/rerun", ApiServer.Json("{}"));
        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{runId}/events/approve", ApiServer.Json("""{ "approved": true, "by": "ana" }"""), ApiServer.TriggerKey);

        Assert.Equal(HttpStatusCode.Conflict, rerun.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var delivered = await ApiServer.ReadJsonAsync(response);
        Assert.Equal("approve", delivered.GetProperty("event").GetString());
        Assert.True(delivered.GetProperty("delivered").GetBoolean());
        var run = await Server.WaitForRunAsync("gate", runId);
        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        using var log = await Server.SendAsync(HttpMethod.Get, $"/api/dags/gate/runs/{runId}/nodes/approve/logs");
        Assert.Contains("approved by event 'approve'", await log.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var late = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{runId}/events/approve", ApiServer.Json("{}"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Control_routes_need_the_trigger_role_and_a_known_run()
    {
        using var forbidden = await Server.SendAsync(HttpMethod.Post, "/api/dags/chain/runs/r1/cancel", key: ApiServer.ReaderKey);
        using var unknown = await Server.SendAsync(HttpMethod.Post, "/api/dags/chain/runs/r1/cancel");
        using var badEvent = await Server.SendAsync(HttpMethod.Post, "/api/dags/chain/runs/r1/events/a%20b", ApiServer.Json("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEvent.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await ApiServer.ReadJsonAsync(badEvent)).GetProperty("errors").ValueKind);
    }
}

public sealed class RunControlHandlersOnFolderTests : RunControlHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class RunControlHandlersOnAzuriteTests(AzuriteFixture azurite) : RunControlHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite);
}
