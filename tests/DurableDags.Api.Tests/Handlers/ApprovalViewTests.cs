using DurableDags.Api.Tests.Fixtures;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>An approval's question and its decision in the run's view, on each real store.</summary>
public abstract class ApprovalViewTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected abstract Task<ApiServer> StartAsync();

    [Fact]
    public async Task A_waiting_approval_shows_its_message_approvers_and_deadline_and_the_decision_records_who_and_when()
    {
        (await _server.PutDagAsync("gate", """
            id: gate
            nodes:
              approve:
                type: approval
                with: { event: ship, message: "Ship the ${{ run.id }} build?", approvers: [ci, ana], timeout: 1h }
            """)).Dispose();
        var before = DateTimeOffset.UtcNow;
        var runId = await _server.TriggerAsync("gate");

        var waiting = await _server.WaitForRunAsync("gate", runId, run =>
            ApiServer.Node(run, "approve") is var n && n.GetProperty("state").GetString() == "waiting" && n.TryGetProperty("wait", out _));
        using var response = await _server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{runId}/events/ship",
            ApiServer.Json("""{ "approved": false, "reason": "not today" }"""), ApiServer.TriggerKey);
        var ended = await _server.WaitForRunAsync("gate", runId);

        var wait = ApiServer.Node(waiting, "approve").GetProperty("wait");
        Assert.Equal(("ship", $"Ship the {runId} build?"), (wait.GetProperty("event").GetString(), wait.GetProperty("message").GetString()));
        Assert.Equal(["ci", "ana"], wait.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));
        Assert.InRange(wait.GetProperty("deadline").GetDateTimeOffset(), before.AddHours(1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal("failed", ended.GetProperty("state").GetString());
        var decision = ApiServer.Node(ended, "approve").GetProperty("wait").GetProperty("decision");
        Assert.Equal(("ship", "ci", false, "not today"), (decision.GetProperty("event").GetString(), decision.GetProperty("by").GetString(),
            decision.GetProperty("approved").GetBoolean(), decision.GetProperty("reason").GetString()));
        Assert.InRange(decision.GetProperty("at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow);
    }
}

public sealed class ApprovalViewOnFolderTests : ApprovalViewTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class ApprovalViewOnAzuriteTests(AzuriteFixture azurite) : ApprovalViewTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite);
}
