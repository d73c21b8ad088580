using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>
/// The main pages with a DAG that has a history: two runs that succeeded and two where the cost
/// service was down. Checks what each page shows, then saves it (docs/images holds copies).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ScreenshotTests(Chromium chromium) : UiSession(chromium)
{
    [Fact]
    public async Task The_main_pages_show_the_history_of_a_dag_and_the_retries_of_a_failed_run()
    {
        await Server.PutDagAsync("carrier-costs", TestDags.CarrierCosts);
        await Server.PutDagAsync("nightly", TestDags.Nightly);
        await Server.PutDagAsync("release", TestDags.Approval);
        var runs = new List<string>();
        foreach (var costFails in new[] { false, true, false, true })
        {
            Server.Outside.CostFails = costFails;
            var runId = await Server.TriggerAsync("carrier-costs");
            await Server.SendEventAsync("carrier-costs", runId, "approve", """{ "by": "ana" }""");
            await Server.WaitForRunAsync("carrier-costs", runId, TimeSpan.FromMinutes(1));
            runs.Add(runId);
        }

        await Page.GotoAsync("/");
        var marks = Page.Locator("tr[data-dag='carrier-costs'] .marks a.mark");
        await Expect(marks).ToHaveCountAsync(4);
        await Expect(marks.Last).ToHaveAttributeAsync("data-state", "failed");
        await ScreenshotAsync("dag-list.png");

        await Page.GotoAsync("/dags/carrier-costs");
        await Expect(Page.Locator("#grid thead button.mark")).ToHaveCountAsync(4);
        await Expect(Page.Locator(".gnode[data-node='cost']")).ToHaveAttributeAsync("data-state", "failed");
        await Expect(Page.Locator(".gnode[data-node='report']")).ToHaveAttributeAsync("data-state", "upstream_failed");
        await Expect(Page.Locator("#run-summary .badge")).ToHaveTextAsync("failed");
        await ScreenshotAsync("dag-page.png");
        await Expect(Page.Locator("#durations .chart-bar")).ToHaveCountAsync(4);
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await ScreenshotAsync("dag-page-dark.png", fullPage: true);
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });

        await Page.GotoAsync($"/dags/carrier-costs/runs/{Uri.EscapeDataString(runs[^1])}");
        await Expect(Page.Locator(".gantt-row[data-node='cost'] .gantt-bar")).ToHaveCountAsync(2);
        await Expect(Page.Locator(".gantt-row[data-node='cost'] .gantt-bar[data-state='failed']")).ToHaveCountAsync(2);
        await Expect(Page.Locator(".gantt-key .path-list")).ToContainTextAsync("carriers → train → approve");
        await Page.Locator("#node-panel").GetByRole(AriaRole.Button, new() { Name = "Log of attempt 2" }).ClickAsync();
        await Expect(Page.Locator("#node-panel pre.log")).ToContainTextAsync("answered 503");
        await ScreenshotAsync("run-page.png", fullPage: true);
    }
}
