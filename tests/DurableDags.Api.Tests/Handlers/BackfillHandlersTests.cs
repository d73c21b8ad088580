using System.Net;
using System.Text.Json;
using DurableDags.Api.Scheduling;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Storage.Tests.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>Backfills over HTTP on the embedded engine, driven by the real scheduler tick, on each real store.</summary>
public abstract class BackfillHandlersTests : ServerWithCounterTests
{
    protected static readonly Dictionary<string, string?> Settings = new() { ["DurableDags:Backfill:MaxIntervals"] = "40" };

    // Berlin springs forward on 2026-03-29 at 02:00: 02:30 does not exist that day and runs at
    // the gap's end, 03:00 CEST; before the change 02:30 is 01:30Z, after it 00:30Z.
    private static readonly string[] BerlinDates =
        ["2026-03-27T01:30:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"];

    protected override async Task RegisterDagsAsync()
    {
        await PutPausedAsync("berlin", """
            id: berlin
            schedule: "0 30 2 * * *"
            timezone: Europe/Berlin
            nodes:
              day:
                type: noop
            """);
        await PutPausedAsync("flaky", $$$"""
            id: flaky
            schedule: "@daily"
            nodes:
              call:
                type: http
                with: { url: "{{{Counter.Url("call")}}}" }
            """);
        await PutPausedAsync("gated", """
            id: gated
            schedule: "@daily"
            nodes:
              approve:
                type: approval
                with: { event: approve }
            """);
    }

    [Fact]
    public async Task A_dry_run_lists_one_date_per_interval_in_the_dags_zone_across_a_dst_change_and_reverse_turns_the_order()
    {
        var dry = await PostAsync("berlin", """{ "from": "2026-03-27", "to": "2026-03-31", "dryRun": true }""", HttpStatusCode.OK);
        var reversed = await PostAsync("berlin", """{ "from": "2026-03-27", "to": "2026-03-31", "dryRun": true, "reverse": true }""", HttpStatusCode.OK);

        Assert.Equal(BerlinDates, Dates(dry));
        Assert.Equal(5, dry.GetProperty("total").GetInt32());
        Assert.Equal(BerlinDates.Reverse(), Dates(reversed));
        Assert.Empty((await Server.GetJsonAsync("/api/runs?dagId=berlin")).GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public async Task A_backfill_runs_every_date_at_most_max_active_runs_at_a_time_and_the_same_range_again_creates_nothing_new()
    {
        var created = await PostAsync("berlin", """{ "from": "2026-03-27", "to": "2026-03-31", "maxActiveRuns": 2 }""", HttpStatusCode.Accepted);
        var id = created.GetProperty("backfillId").GetString()!;
        var progress = created.GetProperty("progress");
        Assert.Equal((5, 2, 3), (progress.GetProperty("total").GetInt32(), progress.GetProperty("started").GetInt32(), progress.GetProperty("pending").GetInt32()));
        Assert.Equal("ci", created.GetProperty("createdBy").GetString());

        var done = await DriveAsync("berlin", id);
        var again = await PostAsync("berlin", """{ "from": "2026-03-27", "to": "2026-03-31", "maxActiveRuns": 2 }""", HttpStatusCode.OK);

        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal(5, done.GetProperty("progress").GetProperty("succeeded").GetInt32());
        Assert.Equal(id, again.GetProperty("backfillId").GetString());
        var runs = (await Server.GetJsonAsync("/api/runs?dagId=berlin&limit=50")).GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(BerlinDates.Select(d => "backfill__" + d.Replace("-", "").Replace(":", "")).Order(), runs.Select(r => r.GetProperty("runId").GetString()).Order());
        Assert.All(runs, r => Assert.Equal(("backfill", id), (r.GetProperty("trigger").GetProperty("kind").GetString(), r.GetProperty("trigger").GetProperty("backfillId").GetString())));
        Assert.Equal(BerlinDates, runs.Select(r => r.GetProperty("logicalDate").GetDateTimeOffset()).Order().Select(Iso));
    }

    [Fact]
    public async Task Rerun_failed_reruns_only_the_dates_that_failed_and_leaves_the_others_alone()
    {
        Counter.Failing["call"] = true;
        var first = await PostAsync("flaky", """{ "from": "2026-05-01", "to": "2026-05-02" }""", HttpStatusCode.Accepted);
        var failed = await DriveAsync("flaky", first.GetProperty("backfillId").GetString()!);
        Counter.Failing.Clear();

        var skipped = await PostAsync("flaky", """{ "from": "2026-05-01", "to": "2026-05-03" }""", HttpStatusCode.Accepted);
        var skippedDone = await DriveAsync("flaky", skipped.GetProperty("backfillId").GetString()!);
        var rerun = await PostAsync("flaky", """{ "from": "2026-05-01", "to": "2026-05-03", "rerunFailed": true }""", HttpStatusCode.Accepted);
        var rerunDone = await DriveAsync("flaky", rerun.GetProperty("backfillId").GetString()!);

        Assert.Equal(2, failed.GetProperty("progress").GetProperty("failed").GetInt32());
        Assert.Equal((2, 1), (skippedDone.GetProperty("progress").GetProperty("failed").GetInt32(), skippedDone.GetProperty("progress").GetProperty("succeeded").GetInt32()));
        Assert.Equal(3, rerunDone.GetProperty("progress").GetProperty("succeeded").GetInt32());
        var rerunIds = rerunDone.GetProperty("dates").EnumerateArray().Select(d => d.GetProperty("runId").GetString()!).ToList();
        Assert.Equal(2, rerunIds.Count(r => r.EndsWith("_" + rerun.GetProperty("backfillId").GetString()![^8..], StringComparison.Ordinal)));
        Assert.Equal("backfill__20260503T000000Z", rerunIds[2]);
        Assert.Equal(2 + 1 + 2, Counter.Calls("call"));
    }

    [Fact]
    public async Task Cancelling_stops_new_dates_cancels_the_waiting_run_and_records_who_and_a_second_cancel_gets_409()
    {
        var created = await PostAsync("gated", """{ "from": "2026-06-01", "to": "2026-06-03", "maxActiveRuns": 1 }""", HttpStatusCode.Accepted);
        var id = created.GetProperty("backfillId").GetString()!;
        var runId = created.GetProperty("dates")[0].GetProperty("runId").GetString()!;
        await Server.WaitForRunAsync("gated", runId, run => ApiServer.Node(run, "approve").GetProperty("state").GetString() == "waiting");

        using var cancel = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gated/backfills/{id}/cancel", key: ApiServer.TriggerKey);
        var run = await Server.WaitForRunAsync("gated", runId);
        await Tick.RunAsync(DateTimeOffset.UtcNow);
        var after = await Server.GetJsonAsync($"/api/dags/gated/backfills/{id}");
        using var again = await Server.SendAsync(HttpMethod.Post, $"/api/dags/gated/backfills/{id}/cancel");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", run.GetProperty("state").GetString());
        Assert.Equal(("cancelled", "ci"), (after.GetProperty("state").GetString(), after.GetProperty("cancelledBy").GetString()));
        Assert.Equal((2, 1), (after.GetProperty("progress").GetProperty("pending").GetInt32(), after.GetProperty("progress").GetProperty("failed").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Bad_requests_get_400_naming_the_field_and_the_interval_limit()
    {
        var tooMany = await PostAsync("berlin", """{ "from": "2026-01-01", "to": "2026-03-01" }""", HttpStatusCode.BadRequest);
        var fields = await ProblemOfAsync("berlin", """{ "to": "2026-01-01", "maxActiveRuns": 0, "also": 1 }""");
        var badDate = await ProblemOfAsync("berlin", """{ "from": "2026-13-01", "to": "2026-01-01" }""");
        var backwards = await PostAsync("berlin", """{ "from": "2026-03-02", "to": "2026-03-01" }""", HttpStatusCode.BadRequest);
        using var unknown = await Server.SendAsync(HttpMethod.Get, "/api/dags/berlin/backfills/nope");
        using var reader = await Server.SendAsync(HttpMethod.Post, "/api/dags/berlin/backfills", ApiServer.Json("""{ "from": "2026-03-01", "to": "2026-03-01" }"""), ApiServer.ReaderKey);

        Assert.Contains("more than 40 intervals", Message(tooMany), StringComparison.Ordinal);
        Assert.Contains("DurableDags:Backfill:MaxIntervals", Message(tooMany), StringComparison.Ordinal);
        Assert.Equal(["also", "from", "maxActiveRuns"], fields);
        Assert.Equal(["from"], badDate);
        Assert.Equal("to", backwards.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }

    private SchedulerTick Tick => Server.Host.Services.GetRequiredService<SchedulerTick>();

    private async Task PutPausedAsync(string dagId, string yaml)
    {
        (await Server.PutDagAsync(dagId, yaml)).Dispose();
        (await Server.SendAsync(HttpMethod.Post, $"/api/dags/{dagId}/pause")).Dispose();
    }

    private async Task<JsonElement> PostAsync(string dagId, string body, HttpStatusCode expected)
    {
        using var response = await Server.SendAsync(HttpMethod.Post, $"/api/dags/{dagId}/backfills", ApiServer.Json(body), ApiServer.TriggerKey);
        var json = await ApiServer.ReadJsonAsync(response);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {json}");
        return json;
    }

    private async Task<List<string?>> ProblemOfAsync(string dagId, string body) =>
        [.. (await PostAsync(dagId, body, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order()];

    /// <summary>Ticks the scheduler until the backfill has ended, within a deadline.</summary>
    private async Task<JsonElement> DriveAsync(string dagId, string backfillId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await Tick.RunAsync(DateTimeOffset.UtcNow);
            var backfill = await Server.GetJsonAsync($"/api/dags/{dagId}/backfills/{backfillId}");
            if (backfill.GetProperty("state").GetString() != "running")
            {
                return backfill;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"backfill {backfillId} did not end in time: {backfill}");
            await Task.Delay(25);
        }
    }

    private static string[] Dates(JsonElement dryRun) => [.. dryRun.GetProperty("logicalDates").EnumerateArray().Select(d => Iso(d.GetDateTimeOffset()))];

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Message(JsonElement problem) => problem.GetProperty("errors")[0].GetProperty("message").GetString()!;
}

public sealed class BackfillHandlersOnFolderTests : BackfillHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync(settings: Settings);
}

[Collection(AzuriteCollection.Name)]
public sealed class BackfillHandlersOnAzuriteTests(AzuriteFixture azurite) : BackfillHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite, settings: Settings);
}
