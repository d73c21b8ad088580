using System.Net;
using DurableDags.Api.Tests.Fixtures;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>An approval's <c>approvers</c> decide who may send its event, and the decider is recorded.</summary>
public sealed class ApprovalApproversTests : IAsyncLifetime
{
    private const string OpsKey = "ops-key-0123456789abcdef";

    private ApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.OnFolderAsync(settings: new Dictionary<string, string?>
        {
            ["DurableDags:ApiKeys:ops:Key"] = OpsKey,
            ["DurableDags:ApiKeys:ops:Roles"] = "Dags.Trigger",
        });
        (await _server.PutDagAsync("gate", """
            id: gate
            params:
              who: { type: string, default: ops }
            nodes:
              approve:
                type: approval
                with: { event: approve, approvers: [ops] }
              ship:
                needs: [approve]
                type: noop
            """)).Dispose();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Another_key_gets_403_naming_the_approvers_and_the_node_keeps_waiting_then_an_approver_decides_and_is_recorded()
    {
        var runId = await WaitingRunAsync();

        using var other = await SendAsync(runId, """{ "approved": true }""", ApiServer.TriggerKey);
        var problem = await ApiServer.ReadJsonAsync(other);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("Node 'approve' may be decided only by ops; you are 'ci'.", problem.GetProperty("detail").GetString());
        Assert.Equal("waiting", ApiServer.Node(await _server.GetJsonAsync($"/api/dags/gate/runs/{runId}"), "approve").GetProperty("state").GetString());

        using var ops = await SendAsync(runId, """{ "approved": true, "decidedBy": "someone else" }""", OpsKey);
        Assert.Equal(HttpStatusCode.Accepted, ops.StatusCode);
        var run = await _server.WaitForRunAsync("gate", runId);
        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        var output = ApiServer.Node(run, "approve").GetProperty("output");
        Assert.Equal("ops", output.GetProperty("decidedBy").GetString());
        Assert.True(output.GetProperty("approved").GetBoolean());
        using var log = await _server.SendAsync(HttpMethod.Get, $"/api/dags/gate/runs/{runId}/nodes/approve/logs");
        Assert.Contains("approved by event 'approve' from 'ops'", await log.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_by_an_approver_names_who_rejected()
    {
        var runId = await WaitingRunAsync();

        using var ops = await SendAsync(runId, """{ "approved": false, "reason": "not today" }""", OpsKey);

        Assert.Equal(HttpStatusCode.Accepted, ops.StatusCode);
        var run = await _server.WaitForRunAsync("gate", runId);
        Assert.Equal("failed", run.GetProperty("state").GetString());
        Assert.Contains("rejected by event 'approve' from 'ops': not today", ApiServer.Node(run, "approve").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_is_recorded_only_on_the_nodes_the_sender_may_decide()
    {
        (await _server.PutDagAsync("pair", """
            id: pair
            nodes:
              anyone: { type: approval, with: { event: approve } }
              opsOnly: { type: approval, with: { event: approve, approvers: [ops] } }
            """)).Dispose();
        var runId = await _server.TriggerAsync("pair");
        await _server.WaitForRunAsync("pair", runId, run =>
            ApiServer.Node(run, "anyone").GetProperty("state").GetString() == "waiting"
            && ApiServer.Node(run, "opsOnly").GetProperty("state").GetString() == "waiting");

        using var sent = await _server.SendAsync(HttpMethod.Post, $"/api/dags/pair/runs/{runId}/events/approve", ApiServer.Json("{}"), ApiServer.TriggerKey);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        // The ops-only node takes the event, finds the sender is no approver, and waits on.
        var run = await _server.WaitForRunAsync("pair", runId, r =>
            ApiServer.Node(r, "anyone").GetProperty("state").GetString() == "succeeded"
            && ApiServer.Node(r, "opsOnly").GetProperty("state").GetString() == "waiting");
        Assert.Equal("ci", ApiServer.Node(run, "anyone").GetProperty("wait").GetProperty("decision").GetProperty("by").GetString());
        var opsOnly = ApiServer.Node(run, "opsOnly");
        Assert.Equal("waiting", opsOnly.GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, opsOnly.GetProperty("wait").GetProperty("decision").ValueKind);
    }

    private async Task<string> WaitingRunAsync()
    {
        var runId = await _server.TriggerAsync("gate");
        await _server.WaitForRunAsync("gate", runId, run => ApiServer.Node(run, "approve").GetProperty("state").GetString() == "waiting");
        return runId;
    }

    private Task<HttpResponseMessage> SendAsync(string runId, string body, string key) =>
        _server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{runId}/events/approve", ApiServer.Json(body), key);
}
