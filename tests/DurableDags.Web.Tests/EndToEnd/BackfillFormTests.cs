using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>The backfill form of the DAG page: a dry run first, then the backfill and its progress.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class BackfillFormTests(Chromium chromium) : UiSession(chromium)
{
    [Fact]
    public async Task A_dry_run_lists_the_dates_and_starting_it_runs_each_date_with_its_progress_shown()
    {
        await Server.PutDagAsync("daily", TestDags.Daily);
        await Page.GotoAsync("/dags/daily");
        await Expect(Page.Locator("#backfills")).ToContainTextAsync("No backfills yet");
        await Expect(Page.Locator("#backfill-start")).ToBeHiddenAsync();

        await Page.Locator("#backfill-from").FillAsync("2026-03-01");
        await Page.Locator("#backfill-to").FillAsync("2026-03-03");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();

        await Expect(Page.Locator(".backfill-dates li")).ToHaveTextAsync(["2026-03-01 06:00:00 UTC", "2026-03-02 06:00:00 UTC", "2026-03-03 06:00:00 UTC"]);
        await Expect(Page.Locator(".backfill-total")).ToContainTextAsync("3 runs to start");
        Assert.Empty((await Server.GetJsonAsync("/api/runs?dagId=daily&trigger=backfill")).GetProperty("runs").EnumerateArray());

        await Page.Locator("#backfill-start").ClickAsync();

        var backfill = Page.Locator("#backfills li.backfill");
        await Expect(backfill).ToHaveCountAsync(1);
        await Expect(backfill).ToHaveAttributeAsync("data-state", "completed");
        await Expect(backfill.Locator(".backfill-progress")).ToContainTextAsync("3 of 3 ended · 3 succeeded · 0 failed");
        await Expect(backfill.Locator("progress")).ToHaveAttributeAsync("value", "3");
        var runs = (await Server.GetJsonAsync("/api/runs?dagId=daily&trigger=backfill")).GetProperty("runs");
        Assert.Equal(3, runs.GetArrayLength());
        Assert.All(runs.EnumerateArray(), run => Assert.Equal("succeeded", run.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Changing_a_date_after_a_dry_run_asks_for_a_new_one_before_starting()
    {
        await Server.PutDagAsync("daily", TestDags.Daily);
        await Page.GotoAsync("/dags/daily");
        await Page.Locator("#backfill-from").FillAsync("2026-03-01");
        await Page.Locator("#backfill-to").FillAsync("2026-03-02");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Dry run" }).ClickAsync();
        await Expect(Page.Locator("#backfill-start")).ToBeVisibleAsync();

        await Page.Locator("#backfill-to").FillAsync("2026-03-05");

        await Expect(Page.Locator("#backfill-start")).ToBeHiddenAsync();
        await Expect(Page.Locator(".backfill-dates")).ToHaveCountAsync(0);
    }
}
