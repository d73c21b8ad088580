using System.Net;
using System.Text.Json;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>Triggering runs over HTTP and watching them run on the embedded engine, on each real store.</summary>
public abstract class RunTriggerHandlerTests : ServerWithCounterTests
{
    protected override async Task RegisterDagsAsync()
    {
        (await Server.PutDagAsync("report", Report(Counter))).Dispose();
    }

    public static string Report(CallCounter counter) => $$$"""
        id: report
        params:
          date: { type: string, default: "${{ formatDate(run.logicalDate, 'yyyy-MM-dd') }}" }
          region: { type: string, enum: [eu, us] }
          limit: { type: integer, default: 10 }
        nodes:
          fetch:
            type: http
            with: { url: "{{{counter.Url("fetch")}}}" }
          publish:
            needs: [fetch]
            type: http
            with: { url: "{{{counter.Url("publish")}}}", query: { region: "${{ params.region }}" } }
        """;

    [Fact]
    public async Task A_triggered_run_ends_succeeded_with_its_params_version_trigger_and_every_node()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/dags/report/runs",
            ApiServer.Json("""{ "params": { "region": "eu" }, "logicalDate": "2026-11-22T06:00:00Z" }"""), ApiServer.TriggerKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await ApiServer.ReadJsonAsync(response);
        var runId = started.GetProperty("runId").GetString()!;
        Assert.StartsWith("manual__", runId, StringComparison.Ordinal);
        Assert.Equal($"/api/dags/report/runs/{runId}", started.GetProperty("statusUrl").GetString());
        Assert.Equal($"/api/dags/report/runs/{runId}", response.Headers.Location?.OriginalString);

        var run = await Server.WaitForRunAsync("report", runId);
        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        Assert.Equal(1, run.GetProperty("dagVersion").GetInt32());
        Assert.Equal("http", run.GetProperty("trigger").GetProperty("kind").GetString());
        Assert.Equal("2026-11-22T06:00:00Z", run.GetProperty("logicalDate").GetString());
        Assert.Equal("""{"date":"2026-11-22","region":"eu","limit":10}""", run.GetProperty("params").GetRawText());
        var publish = ApiServer.Node(run, "publish");
        Assert.Equal("succeeded", publish.GetProperty("state").GetString());
        Assert.Equal(1, publish.GetProperty("attempts").GetInt32());
        Assert.Equal(200, publish.GetProperty("output").GetProperty("status").GetInt32());
        Assert.Equal("succeeded", Assert.Single(publish.GetProperty("attemptList").EnumerateArray()).GetProperty("state").GetString());
        Assert.True(publish.GetProperty("durationMs").GetInt64() >= 0);
        Assert.Equal(1, Counter.Calls("publish"));
    }

    [Fact]
    public async Task A_run_reads_at_once_after_its_202_and_a_cancel_sent_at_once_ends_it_cancelled()
    {
        // The 202 comes once the run is recorded; its orchestration may not have started yet.
        (await Server.PutDagAsync("gate", "id: gate\nnodes:\n  approve: { type: approval, with: { event: approve } }\n")).Dispose();
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/dags/gate/runs", ApiServer.Json("{}"), ApiServer.TriggerKey);
        var runId = (await ApiServer.ReadJsonAsync(response)).GetProperty("runId").GetString()!;

        var run = await Server.GetJsonAsync($"/api/dags/gate/runs/{runId}");
        using var cancel = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gate/runs/{runId}/cancel", key: ApiServer.TriggerKey);
        var ended = await Server.WaitForRunAsync("gate", runId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((runId, "running"), (run.GetProperty("runId").GetString(), run.GetProperty("state").GetString()));
        Assert.Contains(ApiServer.Node(run, "approve").GetProperty("state").GetString(), new[] { "pending", "queued", "running", "waiting" });
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", ended.GetProperty("state").GetString());
        Assert.Equal("cancelled", ApiServer.Node(ended, "approve").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Bad_params_get_400_listing_every_one_and_start_nothing()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/dags/report/runs",
            ApiServer.Json("""{ "params": { "region": "asia", "limit": "ten", "colour": "red" } }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ApiServer.ReadJsonAsync(response);
        Assert.Equal("https://durabledags.dev/problems/invalid-params", problem.GetProperty("type").GetString());
        Assert.Equal(
            ["params.colour", "params.region", "params.limit"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        Assert.Empty((await Server.GetJsonAsync("/api/dags/report/runs")).GetProperty("runs").EnumerateArray());
        Assert.Equal(0, Counter.Calls("fetch"));
    }

    [Fact]
    public async Task A_missing_required_param_and_unknown_body_fields_are_reported()
    {
        using var missing = await Server.SendAsync(HttpMethod.Post, "/api/dags/report/runs", ApiServer.Json("{}"));
        using var unknown = await Server.SendAsync(HttpMethod.Post, "/api/dags/report/runs", ApiServer.Json("""{ "param": {}, "logicalDate": "yesterday" }"""));

        var error = Assert.Single((await ApiServer.ReadJsonAsync(missing)).GetProperty("errors").EnumerateArray());
        Assert.Equal("required parameter 'region' (string) is missing", error.GetProperty("message").GetString());
        Assert.Equal(
            ["param", "logicalDate"],
            (await ApiServer.ReadJsonAsync(unknown)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task Fifty_concurrent_triggers_with_one_idempotency_key_start_exactly_one_run()
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "nightly-2026-11-22" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Server.SendAsync(HttpMethod.Post, "/api/dags/report/runs", ApiServer.Json("""{ "params": { "region": "us" } }"""), headers: headers)));

        var started = await Task.WhenAll(responses.Select(async r => (r.StatusCode, (await ApiServer.ReadJsonAsync(r)).GetProperty("runId").GetString())));
        Assert.Single(started, s => s.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(49, started.Count(s => s.StatusCode == HttpStatusCode.OK));
        var runId = Assert.Single(started.Select(s => s.Item2).Distinct());
        Assert.Equal("succeeded", (await Server.WaitForRunAsync("report", runId!)).GetProperty("state").GetString());
        Assert.Single((await Server.GetJsonAsync("/api/dags/report/runs")).GetProperty("runs").EnumerateArray());
        Assert.Equal(1, Counter.Calls("fetch"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_repeated_client_run_id_returns_the_existing_run_with_200()
    {
        using var first = await Server.SendAsync(HttpMethod.Post, "/api/dags/report/runs", ApiServer.Json("""{ "runId": "nightly-1", "params": { "region": "eu" } }"""));
        using var again = await Server.SendAsync(HttpMethod.Post, "/api/dags/report/runs", ApiServer.Json("""{ "runId": "nightly-1", "params": { "region": "us" } }"""));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("nightly-1", (await ApiServer.ReadJsonAsync(again)).GetProperty("runId").GetString());
        var run = await Server.WaitForRunAsync("report", "nightly-1");
        Assert.Equal("eu", run.GetProperty("params").GetProperty("region").GetString());
    }

    [Fact]
    public async Task Malformed_ids_in_the_body_and_header_get_400_and_touch_nothing()
    {
        var before = await StoredKeysAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "has space" };

        using var response = await Server.SendAsync(HttpMethod.Post, "/api/dags/report/runs",
            ApiServer.Json("""{ "runId": "../../registry/report", "params": { "region": "eu" } }"""), headers: headers);
        using var routeId = await Server.SendAsync(HttpMethod.Post, "/api/dags/..%2Freport/runs", ApiServer.Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["runId", "Idempotency-Key"],
            (await ApiServer.ReadJsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, routeId.StatusCode);
        Assert.Equal(before, await StoredKeysAsync());
    }

    [Fact]
    public async Task A_node_log_is_read_per_attempt()
    {
        var runId = await Server.TriggerAsync("report", """{ "params": { "region": "eu" } }""");
        await Server.WaitForRunAsync("report", runId);

        using var log = await Server.SendAsync(HttpMethod.Get, $"/api/dags/report/runs/{runId}/nodes/fetch/logs?attempt=1", key: ApiServer.ReaderKey);
        using var latest = await Server.SendAsync(HttpMethod.Get, $"/api/dags/report/runs/{runId}/nodes/fetch/logs", key: ApiServer.ReaderKey);
        using var none = await Server.SendAsync(HttpMethod.Get, $"/api/dags/report/runs/{runId}/nodes/fetch/logs?attempt=2");
        using var noNode = await Server.SendAsync(HttpMethod.Get, $"/api/dags/report/runs/{runId}/nodes/nope/logs");

        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.Equal("text/plain", log.Content.Headers.ContentType?.MediaType);
        var text = await log.Content.ReadAsStringAsync();
        Assert.Contains("answered 200", text, StringComparison.Ordinal);
        Assert.Equal(text, await latest.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noNode.StatusCode);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first_with_a_cursor_and_a_state_filter()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await Server.TriggerAsync("report", """{ "params": { "region": "eu" } }"""));
            await Server.WaitForRunAsync("report", ids[^1]);
        }

        var page = await Server.GetJsonAsync("/api/dags/report/runs?limit=2", ApiServer.ReaderKey);
        var next = page.GetProperty("next").GetString();
        var rest = await Server.GetJsonAsync($"/api/dags/report/runs?limit=2&before={Uri.EscapeDataString(next!)}");
        var failed = await Server.GetJsonAsync("/api/dags/report/runs?state=failed");
        using var bad = await Server.SendAsync(HttpMethod.Get, "/api/dags/report/runs?state=done&limit=500");

        Assert.Equal([ids[2], ids[1]], page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal([ids[0]], rest.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        Assert.Empty(failed.GetProperty("runs").EnumerateArray());
        Assert.Equal(2, (await ApiServer.ReadJsonAsync(bad)).GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task A_run_stays_pinned_to_the_version_it_started_with()
    {
        var runId = await Server.TriggerAsync("report", """{ "params": { "region": "eu" } }""");
        await Server.WaitForRunAsync("report", runId);

        (await Server.PutDagAsync("report", Report(Counter) + "\n# version 2\n")).Dispose();

        var run = await Server.GetJsonAsync($"/api/dags/report/runs/{runId}");
        var list = (await Server.GetJsonAsync("/api/dags")).GetProperty("dags")[0];
        Assert.Equal(1, run.GetProperty("dagVersion").GetInt32());
        Assert.Equal(2, list.GetProperty("version").GetInt32());
        Assert.Equal(runId, list.GetProperty("lastRun").GetProperty("runId").GetString());
        Assert.Equal("succeeded", list.GetProperty("lastRun").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Triggering_needs_the_trigger_role()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "/api/dags/report/runs", ApiServer.Json("""{ "params": { "region": "eu" } }"""), ApiServer.ReaderKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await Server.GetJsonAsync("/api/dags/report/runs")).GetProperty("runs").EnumerateArray());
    }

    private async Task<List<string>> StoredKeysAsync()
    {
        var page = await Server.Objects.ListAsync(string.Empty);
        return [.. page.Keys];
    }
}

public sealed class RunTriggerHandlerOnFolderTests : RunTriggerHandlerTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class RunTriggerHandlerOnAzuriteTests(AzuriteFixture azurite) : RunTriggerHandlerTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite);
}
