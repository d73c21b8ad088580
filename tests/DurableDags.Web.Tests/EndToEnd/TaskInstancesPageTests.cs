using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>The node instances of the newest runs of every DAG at <c>/task-instances</c>.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class TaskInstancesPageTests(Chromium chromium) : UiSession(chromium)
{
    [Fact]
    public async Task The_failed_tasks_of_two_dags_runs_are_listed_and_each_opens_its_node_on_the_run_page()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        await Server.PutDagAsync("alpha", "id: alpha\nnodes:\n  one: { type: noop }\n");
        await Server.RunToEndAsync("alpha");
        Server.Outside.CostFails = true;
        var failed = await Server.RunToEndAsync("shipping", """{ "label": "down" }""");

        await Page.GotoAsync("/task-instances");
        var rows = Page.Locator("table.task-instances tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        await ScreenshotAsync("task-instances.png");
        await Page.Locator("#t-state").SelectOptionAsync("failed");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/task-instances\?state=failed$"));
        await Expect(rows).ToHaveCountAsync(1);
        var row = rows.First;
        await Expect(row).ToHaveAttributeAsync("data-run", failed);
        await Expect(row.Locator("th")).ToHaveTextAsync("cost");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("failed");
        await Expect(row.Locator(".error-cell")).ToContainTextAsync("503");
        await Expect(Page.Locator("#site-nav a[data-nav='task-instances']")).ToHaveAttributeAsync("aria-current", "page");

        await Page.GotoAsync("/task-instances?dag=alpha");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("th")).ToHaveTextAsync("one");

        await Page.GotoAsync("/task-instances?state=upstream_failed");
        await rows.First.GetByRole(AriaRole.Link, new() { Name = "report" }).ClickAsync();
        await Expect(Page.Locator(".run-title .run-id")).ToHaveTextAsync(failed);
        await Expect(Page.Locator("#node-panel h2")).ToContainTextAsync("report");
    }
}
