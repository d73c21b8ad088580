using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>
/// The run page's flows on a real server: marking a node, the confirmation before it, a log that
/// grows while its attempt runs, a retry's start, a foreach node's instances and a run's alerts.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RunPageFlowTests(Chromium chromium) : UiSession(chromium, new Dictionary<string, string?>
{
    ["DurableDags:Alerts:RetryDelay"] = "00:00:00",
})
{
    /// <summary>A sensor that checks every second and never holds: its log grows a line per check.</summary>
    private const string Watch = """
        id: watch
        nodes:
          watch:
            type: sensor
            with:
              http: { method: GET, url: "OUTSIDE/outside/carriers" }
              condition: "${{ response.status == 299 }}"
              pollInterval: 1s
          after:
            needs: [watch]
            type: noop
        """;

    /// <summary>A sensor that checks once a minute: between checks it waits, and may be marked.</summary>
    private const string Hold = """
        id: hold
        nodes:
          watch:
            type: sensor
            with:
              http: { method: GET, url: "OUTSIDE/outside/carriers" }
              condition: "${{ response.status == 299 }}"
              pollInterval: 1m
          after:
            needs: [watch]
            type: noop
        """;

    /// <summary>A cost call that fails and waits a minute before each of its 4 retries.</summary>
    private const string Retrying = """
        id: retrying
        nodes:
          cost:
            type: http
            retries: 4
            retryDelay: 1m
            with: { method: POST, url: "OUTSIDE/outside/cost", body: { day: 1 } }
        """;

    /// <summary>A node that fails, alerting one target that takes the alert and one that nothing listens on.</summary>
    private const string Alerted = """
        id: alerted
        alerts:
          onNodeFailed: { channel: webhook, url: "OUTSIDE/outside/cost" }
          onRunFailed: { channel: webhook, url: "http://127.0.0.1:1/hook" }
        nodes:
          cost:
            type: http
            with: { method: GET, url: "OUTSIDE/api/none" }
        """;

    [Fact]
    public async Task A_waiting_node_is_marked_success_after_a_confirmation_and_the_run_goes_on()
    {
        await Server.PutDagAsync("hold", Hold);
        var runId = await Server.TriggerAsync("hold");

        await Page.GotoAsync($"/dags/hold/runs/{Uri.EscapeDataString(runId)}?node=after");
        var panel = Page.Locator("#node-panel");
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Mark success" })).ToBeDisabledAsync();
        await Page.Locator(".gantt-row[data-node='watch']").ClickAsync();
        await Expect(Page.Locator(".gantt-row[data-node='watch']")).ToHaveAttributeAsync("data-state", "waiting");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Mark success" }).ClickAsync();

        var dialog = Page.Locator("dialog.confirm");
        await Expect(dialog.Locator("h2")).ToHaveTextAsync("Mark watch success?");
        await Expect(dialog).ToContainTextAsync(runId);
        await dialog.GetByLabel("Reason (optional)").FillAsync("checked by hand");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Mark success" }).ClickAsync();

        await Expect(Page.Locator(".run-title .badge")).ToHaveTextAsync("succeeded");
        await Expect(Page.Locator(".gantt-row[data-node='after']")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(panel.Locator(".node-mark")).ToContainTextAsync("Marked succeeded by");
        await Expect(panel.Locator(".node-mark")).ToContainTextAsync("checked by hand");
        await Expect(Page.Locator(".run-title .run-id")).ToHaveTextAsync(runId);
    }

    [Fact]
    public async Task The_log_of_a_running_attempt_shows_each_line_with_its_time_and_appends_new_lines_following_the_end_unless_scrolled_up()
    {
        await Server.PutDagAsync("watch", Watch);
        var runId = await Server.TriggerAsync("watch");

        await Page.GotoAsync($"/dags/watch/runs/{Uri.EscapeDataString(runId)}?node=watch");
        var panel = Page.Locator("#node-panel");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Log of attempt 1" }).ClickAsync();
        var log = panel.Locator("pre.log");
        await Expect(log).ToContainTextAsync("check 1:");
        await Expect(panel.Locator(".log-status")).ToContainTextAsync("live");
        var first = await log.Locator(".log-line").First.ElementHandleAsync();

        // Three checks later the same view holds the new lines: appended, not a reload of the page.
        await Expect(log).ToContainTextAsync("check 4:");
        Assert.True(await first.EvaluateAsync<bool>("line => line.isConnected"), "the first line was replaced instead of kept");
        var time = log.Locator(".log-line").First.Locator("time.log-time");
        await Expect(time).ToHaveTextAsync(new Regex(@"^\d{2}:\d{2}:\d{2} \S+$"));
        var stamp = await time.GetAttributeAsync("datetime");
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", stamp);
        Assert.Equal(await Page.EvaluateAsync<string>("iso => { const d = new Date(iso); const p = (n) => String(n).padStart(2, '0'); return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`; }", stamp),
            (await time.TextContentAsync())![..8]);

        // A view two lines high: it follows the end while the reader stays there...
        await log.EvaluateAsync("pre => { pre.style.maxHeight = '40px'; pre.scrollTop = pre.scrollHeight; }");
        await Expect(log).ToContainTextAsync("check 6:");
        Assert.True(await log.EvaluateAsync<bool>("pre => pre.scrollHeight - pre.scrollTop - pre.clientHeight < 8"), "the view did not follow the new lines");

        // ...and stays where the reader scrolled up to.
        await log.EvaluateAsync("pre => { pre.scrollTop = 0; }");
        await Expect(log).ToContainTextAsync("check 8:");
        Assert.Equal(0, await log.EvaluateAsync<int>("pre => pre.scrollTop"));
    }

    [Fact]
    public async Task A_node_up_for_retry_says_which_retry_starts_when()
    {
        Server.Outside.CostFails = true;
        await Server.PutDagAsync("retrying", Retrying);
        var runId = await Server.TriggerAsync("retrying");

        await Page.GotoAsync($"/dags/retrying/runs/{Uri.EscapeDataString(runId)}?node=cost");

        var retry = Page.Locator("#node-panel .retry-next");
        await Expect(retry).ToHaveTextAsync(new Regex(@"^retry 2 of 5 at \d{2}:\d{2}:\d{2} \S+, in (\d+ s|1 m)$"));
        await Expect(Page.Locator("#node-panel .facts")).ToContainTextAsync("1 of 5");
    }

    [Fact]
    public async Task A_foreach_node_draws_its_instances_bars_sums_their_attempts_and_names_their_items()
    {
        await Server.PutDagAsync("per-carrier", TestDags.PerCarrier);
        var runId = await Server.RunToEndAsync("per-carrier");

        await Page.GotoAsync($"/dags/per-carrier/runs/{Uri.EscapeDataString(runId)}?node=cost");

        var row = Page.Locator(".gantt-row[data-node='cost']");
        await Expect(row.Locator(".gantt-bar")).ToHaveCountAsync(2);
        await Expect(row.Locator(".gantt-bar[data-index='1']")).ToHaveAttributeAsync("data-state", "succeeded");
        var attempts = Page.Locator("#node-panel .fact").Filter(new() { HasText = "Attempts" }).Locator("dd");
        await Expect(attempts).ToHaveTextAsync("2");
        var instances = Page.Locator("#node-panel details.instance summary");
        await Expect(instances.Nth(0)).ToContainTextAsync("1 attempt");
        await Expect(instances.Nth(0).Locator(".instance-item")).ToHaveTextAsync("""{"id":"acme","routes":3}""");
        await Expect(instances.Nth(1).Locator(".instance-item")).ToHaveTextAsync("""{"id":"zeta","routes":1}""");
    }

    [Fact]
    public async Task The_alerts_sent_for_a_run_and_its_event_log_are_listed()
    {
        await Server.PutDagAsync("alerted", Alerted);
        var runId = await Server.RunToEndAsync("alerted");
        await AlertsDeliveredAsync("alerted", runId, 2);

        await Page.GotoAsync($"/dags/alerted/runs/{Uri.EscapeDataString(runId)}");

        var alerts = Page.Locator("#run-alerts tbody tr");
        await Expect(alerts).ToHaveCountAsync(2);
        var sent = alerts.Filter(new() { HasText = "onNodeFailed" });
        await Expect(sent).ToHaveAttributeAsync("data-state", "sent");
        await Expect(sent).ToContainTextAsync("webhook");
        await Expect(sent.Locator("td").Nth(2)).ToHaveTextAsync("cost");
        var failed = alerts.Filter(new() { HasText = "onRunFailed" });
        await Expect(failed).ToHaveAttributeAsync("data-state", "failed");
        await Expect(failed).ToContainTextAsync("127.0.0.1:1");
        await Expect(failed.Locator("td").First).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S+$"));

        var events = Page.Locator("#run-events tbody tr");
        await Expect(events.First).ToContainTextAsync("run created");
        await Expect(Page.Locator("#run-events tr[data-kind='attempt_ended']")).ToContainTextAsync("failed");
        await Expect(Page.Locator("#run-events tr[data-kind='run_ended']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_live_page_that_loses_the_server_says_the_server_is_unreachable()
    {
        await Server.PutDagAsync("release", TestDags.Approval);
        var runId = await Server.TriggerAsync("release");
        await Page.GotoAsync($"/dags/release/runs/{Uri.EscapeDataString(runId)}");
        await Expect(Page.Locator(".gantt-row[data-node='approve']")).ToHaveAttributeAsync("data-state", "waiting");

        await Page.RouteAsync("**/api/**", route => route.AbortAsync());

        await Expect(Page.Locator("main .problem").First).ToContainTextAsync("The run could not be read: Server unreachable");
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Failed to fetch");
    }

    /// <summary>Alerts go out after the run's end, from an activity of their own: polls until they are recorded.</summary>
    private async Task AlertsDeliveredAsync(string dagId, string runId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await Server.GetJsonAsync($"/api/dags/{dagId}/runs/{Uri.EscapeDataString(runId)}");
            var alerts = run.GetProperty("alerts").GetArrayLength();
            if (alerts >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{alerts} of {count} alerts recorded for {runId}: {run}");
            await Task.Delay(100);
        }
    }
}
