using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

[Collection(ChromiumCollection.Name)]
public sealed class DagListPageTests(Chromium chromium) : UiSession(chromium)
{
    [Fact]
    public async Task The_list_shows_each_dag_with_its_schedule_and_pausing_it_changes_the_server()
    {
        await Server.PutDagAsync("nightly", TestDags.Nightly);
        await Server.PutDagAsync("shipping", TestDags.Shipping);

        await Page.GotoAsync("/");

        var nightly = Page.Locator("tr[data-dag='nightly']");
        await Expect(nightly.GetByRole(AriaRole.Link, new() { Name = "nightly" })).ToBeVisibleAsync();
        await Expect(nightly).ToContainTextAsync("0 30 2 * * *");
        await Expect(nightly).ToContainTextAsync("Europe/Paris");
        await Expect(nightly.Locator(".pill")).ToHaveTextAsync("active");
        await Expect(Page.Locator("tr[data-dag='shipping']")).ToContainTextAsync("manual only");

        await nightly.GetByRole(AriaRole.Button, new() { Name = "Pause nightly" }).ClickAsync();

        await Expect(nightly.Locator(".pill")).ToHaveTextAsync("paused");
        Assert.True((await Server.GetJsonAsync("/api/dags/nightly")).GetProperty("paused").GetBoolean());

        await nightly.GetByRole(AriaRole.Button, new() { Name = "Unpause nightly" }).ClickAsync();

        await Expect(nightly.Locator(".pill")).ToHaveTextAsync("active");
        Assert.False((await Server.GetJsonAsync("/api/dags/nightly")).GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task The_last_runs_show_as_marks_that_name_their_state_and_link_to_the_run()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        var runId = await Server.RunToEndAsync("shipping", """{ "label": "first" }""");

        await Page.GotoAsync("/");

        var mark = Page.Locator("tr[data-dag='shipping'] .marks a.mark");
        await Expect(mark).ToHaveCountAsync(1);
        await Expect(mark).ToHaveAttributeAsync("aria-label", $"Run {runId}: succeeded");
        await mark.ClickAsync();
        await Expect(Page.Locator(".run-title .badge")).ToHaveTextAsync("succeeded");
        await Expect(Page.Locator(".run-title .run-id")).ToHaveTextAsync(runId);
    }
}
