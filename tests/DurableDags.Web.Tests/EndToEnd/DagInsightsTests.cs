using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>The run duration chart of the DAG page, and the time zones the DAG page and list name.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DagInsightsTests(Chromium chromium) : UiSession(chromium)
{
    [Fact]
    public async Task The_duration_chart_has_a_bar_per_run_in_its_state_and_a_bar_selects_its_run()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        Server.Outside.CostFails = true;
        var failed = await Server.RunToEndAsync("shipping", """{ "label": "a" }""");
        Server.Outside.CostFails = false;
        var succeeded = await Server.RunToEndAsync("shipping", """{ "label": "b" }""");

        await Page.GotoAsync("/dags/shipping");

        var bars = Page.Locator("#durations .chart-bar");
        await Expect(bars).ToHaveCountAsync(2);
        await Expect(bars.First).ToHaveAttributeAsync("data-run", failed);
        await Expect(bars.First).ToHaveAttributeAsync("data-state", "failed");
        await Expect(bars.Last).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(bars.Last).ToHaveAttributeAsync("aria-label", new Regex($"^Run {Regex.Escape(succeeded)}: succeeded, [0-9.]+ (ms|s)$"));
        await Expect(Page.Locator("#durations .chart-axis-title").Last).ToHaveTextAsync(new Regex(@"^run start \(.+\)$"));
        await Expect(Page.Locator("#all-runs")).ToHaveAttributeAsync("href", "/runs?dag=shipping");

        await bars.First.ClickAsync();

        await Expect(Page.Locator("#run-summary .run-id")).ToHaveTextAsync(failed);
        await Expect(Page.Locator("#durations .chart-bar.selected")).ToHaveAttributeAsync("data-run", failed);
        await Page.Locator($"#durations .chart-bar[data-run='{succeeded}']").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#run-summary .run-id")).ToHaveTextAsync(succeeded);
        await Expect(Page.Locator($"#durations .chart-bar[data-run='{succeeded}']")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Schedules_name_their_zone_and_times_carry_the_browsers_zone()
    {
        await Server.PutDagAsync("nightly", TestDags.Nightly);
        var context = await Page.Context.Browser!.NewContextAsync(new() { BaseURL = Server.Address.ToString(), TimezoneId = "America/New_York" });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            var row = page.Locator("tr[data-dag='nightly']");
            await Expect(row.Locator(".schedule-zone")).ToHaveTextAsync("Europe/Paris");
            await Expect(row.Locator(".next-run")).ToHaveTextAsync(new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d E[SD]T$"));
            await Expect(page.Locator("#zone-note")).ToContainTextAsync("America/New_York");

            await page.GotoAsync("/dags/nightly");
            await Expect(page.Locator(".page-head .schedule-zone")).ToHaveTextAsync("Europe/Paris");
            await Expect(page.Locator(".page-head .next-run")).ToHaveTextAsync(new Regex(@" E[SD]T \(in .+\)$"));
            // 02:30 in Paris is the schedule's time, whatever the browser's zone.
            await Expect(page.Locator(".page-head")).ToContainTextAsync(new Regex(@"= \d{4}-\d\d-\d\d 02:30:00 (GMT\+1|GMT\+2|CES?T) in Europe/Paris"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
