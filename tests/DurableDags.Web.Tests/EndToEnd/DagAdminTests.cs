using System.Net;
using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>Deleting a DAG and reading its versions from the DAG page.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DagAdminTests(Chromium chromium) : UiSession(chromium)
{
    [Fact]
    public async Task Delete_asks_first_naming_the_dag_and_its_runs_and_then_removes_both()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        await Server.RunToEndAsync("shipping", """{ "label": "a" }""");
        await Page.GotoAsync("/dags/shipping");
        var dialog = Page.GetByRole(AriaRole.Dialog);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete DAG", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Delete DAG shipping?");
        await Expect(dialog).ToContainTextAsync("Its 1 ended run is deleted too");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal("shipping", (await Server.GetJsonAsync("/api/dags/shipping")).GetProperty("id").GetString());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete DAG", Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete shipping" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/$"));
        await Expect(Page.Locator(".empty")).ToContainTextAsync("No DAGs yet");
        using var gone = await Server.Client.GetAsync(new Uri("/api/dags/shipping", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty((await Server.GetJsonAsync("/api/runs?dagId=shipping")).GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public async Task Delete_of_a_dag_with_a_run_going_says_so_and_shows_the_servers_refusal_in_the_dialog()
    {
        await Server.PutDagAsync("release", TestDags.Approval);
        await Server.TriggerAsync("release");
        await Page.GotoAsync("/dags/release");
        await Expect(Page.Locator("#run-summary .badge")).ToHaveTextAsync("running");
        var dialog = Page.GetByRole(AriaRole.Dialog);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete DAG", Exact = true }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("1 run is still going");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete release" }).ClickAsync();

        await Expect(dialog.Locator(".problem")).ToContainTextAsync("Deleting release");
        Assert.Equal("release", (await Server.GetJsonAsync("/api/dags/release")).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Versions_are_listed_and_the_diff_of_two_shows_the_changed_lines()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        await Server.PutDagAsync("shipping", TestDags.Shipping.Replace("Prices the routes of each carrier", "Prices every route", StringComparison.Ordinal));
        await Page.GotoAsync("/dags/shipping");

        await Expect(Page.Locator("#versions tbody tr")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#versions tbody tr[data-version='2']")).ToContainTextAsync("current");
        await Expect(Page.Locator("#diff-from")).ToHaveValueAsync("1");
        await Expect(Page.Locator("#diff-to")).ToHaveValueAsync("2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show diff" }).ClickAsync();

        await Expect(Page.Locator("#version-diff .diff-del")).ToHaveTextAsync(["-description: Prices the routes of each carrier"]);
        await Expect(Page.Locator("#version-diff .diff-add")).ToHaveTextAsync(["+description: Prices every route"]);
        await Expect(Page.Locator("#version-diff")).ToContainTextAsync("1 line added, 1 removed");

        await Page.Locator("#diff-from").SelectOptionAsync("2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show diff" }).ClickAsync();
        await Expect(Page.Locator("#version-diff")).ToContainTextAsync("v2 and v2 have the same lines");
    }
}
