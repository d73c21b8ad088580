using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

[Collection(ChromiumCollection.Name)]
public sealed class RunPageTests(Chromium chromium) : UiSession(chromium)
{
    [Fact]
    public async Task A_failed_node_shows_its_error_and_log_and_a_rerun_from_it_succeeds_without_calling_upstream_again()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        Server.Outside.CostFails = true;
        var failed = await Server.TriggerAsync("shipping", """{ "label": "first" }""");

        await Page.GotoAsync($"/dags/shipping/runs/{Uri.EscapeDataString(failed)}");

        await Expect(Page.Locator(".run-title .badge")).ToHaveTextAsync("failed");
        var panel = Page.Locator("#node-panel");
        await Expect(panel.Locator("h2")).ToContainTextAsync("cost");
        await Expect(panel.Locator(".node-panel-head .badge")).ToHaveTextAsync("failed");
        await Expect(panel.Locator("pre.error-text")).ToContainTextAsync("503");
        await Expect(Page.Locator(".gantt-row[data-node='report']")).ToHaveAttributeAsync("data-state", "upstream_failed");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Log of attempt 1" }).ClickAsync();
        await Expect(panel.Locator("pre.log")).ToContainTextAsync("answered 503");

        Server.Outside.CostFails = false;
        await panel.GetByRole(AriaRole.Button, new() { Name = "Rerun from this node" }).ClickAsync();
        await ConfirmAsync("Rerun");

        await Expect(Page.Locator(".run-title .run-id")).Not.ToHaveTextAsync(failed);
        await Expect(Page.Locator(".run-title .badge")).ToHaveTextAsync("succeeded");
        await Expect(Page.Locator(".page-head")).ToContainTextAsync($"rerun of {failed}");
        await Expect(Page.Locator(".gantt-row[data-node='report']")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(Page.Locator(".gantt-key .path-list")).ToContainTextAsync("cost");
        Assert.Equal(1, Server.Outside.CarrierCalls);
        Assert.Equal(2, Server.Outside.CostCalls);
    }

    [Fact]
    public async Task A_mapped_node_lists_its_instances_each_with_its_own_log()
    {
        await Server.PutDagAsync("per-carrier", TestDags.PerCarrier);
        var runId = await Server.RunToEndAsync("per-carrier");

        await Page.GotoAsync($"/dags/per-carrier/runs/{Uri.EscapeDataString(runId)}?node=cost");

        var panel = Page.Locator("#node-panel");
        await Expect(panel.Locator("details.instance")).ToHaveCountAsync(2);
        await panel.Locator("details.instance summary").Nth(1).ClickAsync();
        var logRequest = Page.WaitForRequestAsync(new Regex(@"/nodes/cost/logs\?attempt=1&index=1$"));
        await panel.GetByRole(AriaRole.Button, new() { Name = "Log of attempt 1 of instance 1" }).ClickAsync();

        await logRequest;
        await Expect(panel.Locator(".log-view h3")).ToHaveTextAsync("Log of cost[1], attempt 1");
        await Expect(panel.Locator("pre.log")).ToContainTextAsync("answered 200");
    }

    [Fact]
    public async Task A_node_shows_its_output_as_json()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        var runId = await Server.RunToEndAsync("shipping", """{ "label": "x" }""");

        await Page.GotoAsync($"/dags/shipping/runs/{Uri.EscapeDataString(runId)}");
        await Page.Locator(".gantt-row[data-node='cost']").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"\?node=cost$"));
        await Expect(Page.Locator("#node-panel pre.json")).ToContainTextAsync("\"currency\": \"EUR\"");
    }

    [Fact]
    public async Task Rerun_failed_starts_a_run_that_clears_the_failed_nodes()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        Server.Outside.CostFails = true;
        var failed = await Server.RunToEndAsync("shipping", """{ "label": "first" }""");
        Server.Outside.CostFails = false;

        await Page.GotoAsync($"/dags/shipping/runs/{Uri.EscapeDataString(failed)}");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" })).ToBeDisabledAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Rerun failed" }).ClickAsync();
        await ConfirmAsync("Rerun");

        await Expect(Page.Locator(".page-head")).ToContainTextAsync($"rerun of {failed}");
        await Expect(Page.Locator(".run-title .badge")).ToHaveTextAsync("succeeded");
        Assert.Equal(1, Server.Outside.CarrierCalls);
    }

    [Fact]
    public async Task An_approval_sent_from_the_page_lets_the_waiting_run_finish()
    {
        await Server.PutDagAsync("release", TestDags.Approval);
        var runId = await Server.TriggerAsync("release");

        await Page.GotoAsync($"/dags/release/runs/{Uri.EscapeDataString(runId)}");

        await Expect(Page.Locator(".gantt-row[data-node='approve']")).ToHaveAttributeAsync("data-state", "waiting");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Rerun from node" })).ToBeDisabledAsync();
        await Page.Locator("details.event summary").ClickAsync();
        await Page.GetByLabel("Event name").FillAsync("approve");
        await Page.GetByLabel("Payload (JSON)").FillAsync("""{ "by": "ana" }""");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send event" }).ClickAsync();

        await Expect(Page.Locator(".event-result")).ToContainTextAsync("delivered");
        await Expect(Page.Locator(".run-title .badge")).ToHaveTextAsync("succeeded");
        await Expect(Page.Locator(".gantt-row[data-node='ship']")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(Page.Locator("details.event")).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Rerun from node" })).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Cancel_ends_a_waiting_run_cancelled()
    {
        await Server.PutDagAsync("release", TestDags.Approval);
        var runId = await Server.TriggerAsync("release");

        await Page.GotoAsync($"/dags/release/runs/{Uri.EscapeDataString(runId)}");
        await Expect(Page.Locator(".gantt-row[data-node='approve']")).ToHaveAttributeAsync("data-state", "waiting");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" }).ClickAsync();
        var dialog = Page.Locator("dialog.confirm");
        await Expect(dialog).ToContainTextAsync(runId);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal("waiting", ApproveState(await Server.GetJsonAsync($"/api/dags/release/runs/{Uri.EscapeDataString(runId)}")));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" }).ClickAsync();
        await ConfirmAsync("Cancel run");

        await Expect(Page.Locator(".run-title .badge")).ToHaveTextAsync("cancelled");
        await Expect(Page.Locator(".gantt-row[data-node='ship']")).ToHaveAttributeAsync("data-state", "cancelled");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Cancel run" })).ToBeDisabledAsync();
        await Expect(Page.Locator("#run-events tr[data-kind='cancel_requested']")).ToHaveCountAsync(1);
        await Expect(Page.Locator("#run-events tr[data-kind='run_ended']")).ToContainTextAsync("cancelled");
    }

    private static string? ApproveState(System.Text.Json.JsonElement run) =>
        run.GetProperty("nodes").EnumerateArray().First(n => n.GetProperty("nodeId").GetString() == "approve").GetProperty("state").GetString();

    /// <summary>Accepts the confirmation dialog an action opens, with the button that names the action.</summary>
    private async Task ConfirmAsync(string action)
    {
        var dialog = Page.Locator("dialog.confirm");
        await dialog.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }
}
