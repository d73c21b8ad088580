using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>The runs of every DAG at <c>/runs</c>: filters in the address, paging, following active runs.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class RunsPageTests(Chromium chromium) : UiSession(chromium)
{
    private const string Alpha = "id: alpha\nnodes:\n  one: { type: noop }\n";
    private const string Beta = "id: beta\nnodes:\n  one: { type: noop }\n";

    private ILocator Rows => Page.Locator("table.runs tbody tr");

    [Fact]
    public async Task Each_filter_lists_the_right_runs_of_two_dags_and_is_kept_in_the_address()
    {
        await Server.PutDagAsync("alpha", Alpha);
        await Server.PutDagAsync("beta", Beta);
        await RunToEndAsync("alpha", "alpha-jan", "2026-01-05T06:00:00Z");
        await RunToEndAsync("beta", "beta-jan", "2026-01-20T06:00:00Z");
        await RunToEndAsync("alpha", "alpha-Fix-1", "2026-03-01T06:00:00Z");

        await Page.GotoAsync("/runs");
        await ExpectRunsAsync("alpha-Fix-1", "beta-jan", "alpha-jan");
        await Expect(Page.Locator("#site-nav a[data-nav='runs']")).ToHaveAttributeAsync("aria-current", "page");
        var first = Rows.First;
        await Expect(first.Locator("td").First).ToHaveTextAsync("alpha");
        await Expect(first.Locator(".badge")).ToHaveTextAsync("succeeded");
        await Expect(first).ToContainTextAsync("2026-03-01");
        await Expect(first).ToContainTextAsync("http");
        await ScreenshotAsync("runs.png");

        await Page.Locator("#f-dag").SelectOptionAsync("beta");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/runs\?dag=beta$"));
        await ExpectRunsAsync("beta-jan");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Runs of beta");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/runs$"));
        await ExpectRunsAsync("alpha-Fix-1", "beta-jan", "alpha-jan");
        await Page.Locator("#f-q").FillAsync("fix");
        await Page.Locator("#f-q").PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/runs\?q=fix$"));
        await ExpectRunsAsync("alpha-Fix-1");

        // A bookmarked range: the fields show it and the rows match it.
        await Page.GotoAsync("/runs?logicalFrom=2026-01-01&logicalTo=2026-01-31");
        await ExpectRunsAsync("beta-jan", "alpha-jan");
        await Expect(Page.Locator("#f-logical-from")).ToHaveValueAsync("2026-01-01");
        await Page.GotoAsync("/runs?dag=alpha&logicalTo=2026-01-31");
        await ExpectRunsAsync("alpha-jan");

        await Rows.First.GetByRole(AriaRole.Link, new() { Name = "alpha-jan" }).ClickAsync();
        await Expect(Page.Locator(".run-title .run-id")).ToHaveTextAsync("alpha-jan");
    }

    [Fact]
    public async Task Load_more_adds_the_next_page_and_the_last_page_has_no_button()
    {
        await Server.PutDagAsync("alpha", Alpha);
        await Server.PutDagAsync("beta", Beta);
        await RunToEndAsync("alpha", "r1", null);
        await RunToEndAsync("beta", "r2", null);
        await RunToEndAsync("alpha", "r3", null);

        await Page.GotoAsync("/runs?limit=2");
        await ExpectRunsAsync("r3", "r2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();

        await ExpectRunsAsync("r3", "r2", "r1");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_run_that_has_not_ended_is_read_again_until_it_ends()
    {
        await Server.PutDagAsync("release", TestDags.Approval);
        var runId = await Server.TriggerAsync("release");
        await WaitForNodeStateAsync("release", runId, "approve", "waiting");

        await Page.GotoAsync("/runs?dag=release");
        var row = Page.Locator($"table.runs tbody tr[data-run='{runId}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("running");
        await Server.SendEventAsync("release", runId, "approve", """{ "approved": true }""");

        await Expect(row.Locator(".badge")).ToHaveTextAsync("succeeded");
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_named_instead_of_the_browsers_failed_to_fetch()
    {
        await Page.RouteAsync("**/api/runs**", route => route.AbortAsync("connectionrefused"));

        await Page.GotoAsync("/runs");

        var origin = Server.Address.GetLeftPart(UriPartial.Authority);
        await Expect(Page.Locator(".problem")).ToContainTextAsync($"Server unreachable: {origin} did not answer");
        await Expect(Page.Locator(".problem")).Not.ToContainTextAsync("Failed to fetch");
    }

    private async Task ExpectRunsAsync(params string[] runIds)
    {
        await Expect(Rows).ToHaveCountAsync(runIds.Length);
        await Expect(Rows.Locator("th .run-id")).ToHaveTextAsync(runIds);
    }

    private async Task RunToEndAsync(string dagId, string runId, string? logicalDate)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?> { ["runId"] = runId, ["logicalDate"] = logicalDate });
        using var response = await Server.Client.PostAsync(new Uri($"/api/dags/{dagId}/runs", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"trigger {dagId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await Server.WaitForRunAsync(dagId, runId, TimeSpan.FromSeconds(30));
    }

    private async Task WaitForNodeStateAsync(string dagId, string runId, string nodeId, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var run = await Server.GetJsonAsync($"/api/dags/{dagId}/runs/{Uri.EscapeDataString(runId)}");
            var node = run.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == nodeId);
            if (node.GetProperty("state").GetString() == state)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"node {nodeId} of {runId} did not reach {state}: {node}");
            await Task.Delay(100);
        }
    }
}
