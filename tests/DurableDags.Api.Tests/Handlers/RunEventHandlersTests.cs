using System.Net;
using System.Text.Json;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Core.States;
using DurableDags.Storage.Audit;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>A run's event log over HTTP: what the engine did and who did what, in order.</summary>
public sealed class RunEventHandlersTests
{
    [Fact]
    public async Task The_event_log_shows_the_trigger_the_attempts_the_approval_and_the_end_with_who_did_what()
    {
        await using var server = await ApiServer.OnFolderAsync();
        (await server.PutDagAsync("gate", """
            id: gate
            nodes:
              approve: { type: approval, with: { event: approve } }
              ship: { type: noop, needs: [approve] }
            """)).Dispose();
        var runId = await server.TriggerAsync("gate");
        await server.WaitForRunAsync("gate", runId, run => ApiServer.Node(run, "approve").GetProperty("state").GetString() == "waiting");
        (await server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{runId}/events/approve", ApiServer.Json("{}"), ApiServer.TriggerKey)).Dispose();
        await server.WaitForRunAsync("gate", runId);

        var events = (await server.GetJsonAsync($"/api/dags/gate/runs/{runId}/events", ApiServer.ReaderKey)).GetProperty("events").EnumerateArray().ToList();

        string Line(JsonElement e) => string.Join(' ', new[] { "kind", "nodeId", "attempt", "state", "actor", "detail" }
            .Select(p => e.GetProperty(p).ValueKind == JsonValueKind.Null ? "-" : e.GetProperty(p).ToString()));
        var lines = events.Select(Line).ToList();
        Assert.Equal("run_created - - - - http", lines[0]);
        Assert.Contains("triggered - - - admin -", lines);
        Assert.Contains("attempt_started approve 1 - - -", lines);
        Assert.Contains("attempt_ended approve 1 succeeded - -", lines);
        Assert.Contains("attempt_ended ship 1 succeeded - -", lines);
        Assert.Contains("event_sent - - - ci approve", lines);
        Assert.Equal("run_ended - - succeeded - -", lines[^1]);
        Assert.True(lines.IndexOf("event_sent - - - ci approve") < lines.IndexOf("attempt_ended approve 1 succeeded - -"));
        var times = events.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task Who_triggered_a_run_is_in_its_record_so_the_trigger_writes_no_audit_entry_of_its_own()
    {
        await using var server = await ApiServer.OnFolderAsync();
        (await server.PutDagAsync("gate", "id: gate\nnodes: { a: { type: noop } }\n")).Dispose();

        var runId = await server.TriggerAsync("gate", key: ApiServer.TriggerKey);

        Assert.Equal("ci", (await server.Store.GetRunAsync("gate", runId))!.Value.Trigger.Actor);
        Assert.Empty(await new RunAuditLog(server.Objects).ListAsync("gate", runId));
        Assert.Equal(["ci"], await TriggeredByAsync(server, runId));
    }

    [Fact]
    public async Task A_run_triggered_before_its_record_kept_the_caller_shows_its_audit_entry_once()
    {
        await using var server = await ApiServer.OnFolderAsync();
        (await server.PutDagAsync("gate", "id: gate\nnodes: { a: { type: noop } }\n")).Dispose();
        var at = DateTimeOffset.UtcNow;
        await server.SeedRunAsync("gate", "old", at, RunState.Succeeded);
        await new RunAuditLog(server.Objects).AppendAsync("gate", "old", new RunAuditEntry { Kind = "triggered", Actor = "old-key", At = at });

        Assert.Equal(["old-key"], await TriggeredByAsync(server, "old"));
    }

    [Fact]
    public async Task An_unknown_run_has_no_event_log()
    {
        await using var server = await ApiServer.OnFolderAsync();
        (await server.PutDagAsync("gate", "id: gate\nnodes: { a: { type: noop } }\n")).Dispose();

        using var response = await server.SendAsync(HttpMethod.Get, "/api/dags/gate/runs/nope/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<List<string?>> TriggeredByAsync(ApiServer server, string runId) =>
        [.. (await server.GetJsonAsync($"/api/dags/gate/runs/{runId}/events", ApiServer.ReaderKey)).GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "triggered").Select(e => e.GetProperty("actor").GetString())];
}
