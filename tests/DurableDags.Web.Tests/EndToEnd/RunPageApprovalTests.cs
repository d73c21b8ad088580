using System.Text;
using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>
/// Approving and rejecting from the run page, as the approver the API key names, and the times of
/// a run in the reader's zone and the DAG's.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class RunPageApprovalTests(Chromium chromium) : UiSession(chromium, new Dictionary<string, string?>
{
    ["DurableDags:ApiKeys:ana:Key"] = Key,
    ["DurableDags:ApiKeys:ana:Roles"] = "Dags.Admin",
})
{
    private const string Key = "ana-key-0123456789abcdef0123";

    private const string Gate = """
        id: gate
        schedule: "0 0 6 * * *"
        timezone: America/Bogota
        nodes:
          build:
            type: noop
          approve:
            needs: [build]
            type: approval
            with: { event: ship, message: "Ship release 1.4?", approvers: [ana], timeout: 1d }
          ship:
            needs: [approve]
            type: noop
        """;

    private readonly Chromium browser = chromium;

    [Fact]
    public async Task An_approver_approves_after_a_confirmation_and_the_page_says_who_decided_and_when()
    {
        var runId = await WaitingRunAsync();

        await Page.GotoAsync($"/dags/gate/runs/{Uri.EscapeDataString(runId)}");
        var approval = Page.Locator("#approvals article[data-node='approve']");
        await Expect(approval.Locator(".approval-message")).ToHaveTextAsync("Ship release 1.4?");
        await Expect(approval.Locator(".fact").Filter(new() { HasText = "Approvers" }).Locator("dd")).ToHaveTextAsync("ana");
        await Expect(Page.Locator("details.event")).Not.ToHaveAttributeAsync("open", string.Empty);
        await approval.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        var dialog = Page.Locator("dialog.confirm");
        await Expect(dialog).ToContainTextAsync(runId);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Expect(Page.Locator(".run-title .badge")).ToHaveTextAsync("succeeded");
        await Expect(approval.Locator(".approval-decision")).ToHaveTextAsync(new Regex(@"^Approved by ana at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S+$"));
        await Expect(approval.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
        await Expect(Page.Locator("#run-events tr[data-kind='event_sent']")).ToContainTextAsync("ana");
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_the_page_shows_it_with_the_rejecter()
    {
        var runId = await WaitingRunAsync();

        await Page.GotoAsync($"/dags/gate/runs/{Uri.EscapeDataString(runId)}");
        var approval = Page.Locator("#approvals article[data-node='approve']");
        await approval.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        var dialog = Page.Locator("dialog.confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(dialog.Locator(".field-error")).ToHaveTextAsync("Reason is required.");
        await dialog.GetByLabel("Reason").FillAsync("the release notes are missing");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();

        await Expect(Page.Locator(".run-title .badge")).ToHaveTextAsync("failed");
        await Expect(approval.Locator(".approval-decision")).ToHaveTextAsync(
            new Regex(@"^Rejected by ana at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S+: the release notes are missing$"));
        await Expect(Page.Locator(".gantt-row[data-node='ship']")).ToHaveAttributeAsync("data-state", "upstream_failed");
    }

    [Fact]
    public async Task Times_carry_the_readers_zone_and_the_logical_date_also_the_dags_zone()
    {
        Server.Client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await Server.PutDagAsync("gate", Gate);
        using var response = await Server.Client.PostAsync(new Uri("/api/dags/gate/runs", UriKind.Relative),
            new StringContent("""{ "logicalDate": "2026-11-22T11:00:00Z" }""", Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var runId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!;

        // A reader in Berlin: the page writes Berlin's times, and Bogota's beside the logical date.
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = Server.Address.ToString(), TimezoneId = "Europe/Berlin", Locale = "en-GB" });
        await context.AddInitScriptAsync($"localStorage.setItem('durableDags.apiKey', '{Key}')");
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync($"/dags/gate/runs/{Uri.EscapeDataString(runId)}");
            var logical = page.Locator(".page-head .fact").Filter(new() { HasText = "Logical date" }).Locator("dd");
            await Assertions.Expect(logical).ToHaveTextAsync("2026-11-22 12:00:00 CET (2026-11-22 06:00:00 America/Bogota)");
            var started = page.Locator(".page-head .fact").Filter(new() { HasText = "Started" }).Locator("dd");
            await Assertions.Expect(started).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} CES?T$"));
            await Assertions.Expect(page.Locator(".gantt-zone")).ToHaveTextAsync(new Regex("^times in CES?T$"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Uploads the gate, starts a run as ana and returns once its approval waits; the page uses ana's key.</summary>
    private async Task<string> WaitingRunAsync()
    {
        Server.Client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await Page.Context.AddInitScriptAsync($"localStorage.setItem('durableDags.apiKey', '{Key}')");
        await Server.PutDagAsync("gate", Gate);
        var runId = await Server.TriggerAsync("gate");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await Server.GetJsonAsync($"/api/dags/gate/runs/{Uri.EscapeDataString(runId)}");
            var approve = run.GetProperty("nodes").EnumerateArray().First(n => n.GetProperty("nodeId").GetString() == "approve");
            if (approve.GetProperty("state").GetString() == "waiting" && approve.TryGetProperty("wait", out _))
            {
                return runId;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the approval of {runId} did not wait within 30 s: {run}");
            await Task.Delay(100);
        }
    }
}
