using System.Globalization;
using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DurableDags.Web.Tests.EndToEnd;

[Collection(ChromiumCollection.Name)]
public sealed class DagPageTests(Chromium chromium, ITestOutputHelper output) : UiSession(chromium)
{
    [Fact]
    public async Task A_run_triggered_through_the_form_sends_typed_params_and_the_graph_follows_it_to_the_end()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "shipping", Exact = true }).ClickAsync();

        await Expect(Page.Locator(".gnode")).ToHaveCountAsync(3);
        await Expect(Page.Locator("#param-minCost")).ToHaveAttributeAsync("placeholder", "0");
        await Expect(Page.Locator(".field[data-param='region'] .hint")).ToContainTextAsync("default: north");
        await Page.Locator("#param-label").FillAsync("weekly check");
        await Page.Locator("#param-region").SelectOptionAsync(new SelectOptionValue { Label = "south" });
        await Page.Locator("#param-minCost").FillAsync("12.5");
        await Page.Locator("#param-dryRun").SelectOptionAsync("true");
        await Page.Locator("#param-tags").FillAsync("""["eu", "road"]""");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Trigger run" }).ClickAsync();

        await Expect(Page.Locator("#run-summary .badge")).ToHaveTextAsync("succeeded");
        foreach (var node in new[] { "carriers", "cost", "report" })
        {
            await Expect(Page.Locator($".gnode[data-node='{node}']")).ToHaveAttributeAsync("data-state", "succeeded");
        }

        await Expect(Page.Locator("#grid tbody tr")).ToHaveCountAsync(3);
        await Expect(Page.Locator("#grid tbody tr").First.Locator("a.mark")).ToHaveAttributeAsync("data-state", "succeeded");
        Assert.Equal("?region=south&label=weekly%20check", Assert.Single(Server.Outside.CarrierQueries));
        var cost = Assert.Single(Server.Outside.CostBodies);
        Assert.Equal(12.5, cost.GetProperty("minCost").GetDouble());
        Assert.True(cost.GetProperty("dryRun").GetBoolean());
        Assert.Equal(["eu", "road"], cost.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Params_the_server_rejects_get_its_errors_next_to_their_fields_and_start_no_run()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        await Page.GotoAsync("/dags/shipping");

        await Page.Locator("#param-minCost").FillAsync("lots");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Trigger run" }).ClickAsync();

        await Expect(Page.Locator("#param-minCost-error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#param-label-error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#param-region-error")).ToBeHiddenAsync();
        await Expect(Page.Locator(".form-error")).ToContainTextAsync("The run parameters are not valid");
        Assert.Empty((await Server.GetJsonAsync("/api/dags/shipping/runs")).GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public async Task Json_that_does_not_parse_is_caught_next_to_its_field_before_anything_is_sent()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        await Page.GotoAsync("/dags/shipping");

        await Page.Locator("#param-label").FillAsync("x");
        await Page.Locator("#param-tags").FillAsync("[eu, road");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Trigger run" }).ClickAsync();

        await Expect(Page.Locator("#param-tags-error")).ToContainTextAsync("not valid JSON");
        Assert.Empty((await Server.GetJsonAsync("/api/dags/shipping/runs")).GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public async Task The_graph_follows_a_run_that_waits_and_a_node_opens_in_that_run()
    {
        await Server.PutDagAsync("release", TestDags.Approval);
        var runId = await Server.TriggerAsync("release");

        await Page.GotoAsync("/dags/release");

        await Expect(Page.Locator(".gnode[data-node='approve']")).ToHaveAttributeAsync("data-state", "waiting");
        await Expect(Page.Locator(".gnode[data-node='approve']")).ToHaveAttributeAsync("aria-label", "approve: waiting");
        await Expect(Page.Locator("#run-summary .badge")).ToHaveTextAsync("running");
        await Server.SendEventAsync("release", runId, "approve", "{}");

        await Expect(Page.Locator(".gnode[data-node='ship']")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(Page.Locator("#run-summary .badge")).ToHaveTextAsync("succeeded");
        await Page.Locator(".gnode[data-node='approve']").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/dags/release/runs/[^/?]+\?node=approve$"));
        await Expect(Page.Locator("#node-panel h2")).ToContainTextAsync("approve");
    }

    [Fact]
    public async Task The_grid_column_of_a_live_run_moves_on_with_each_poll_while_the_run_goes_on()
    {
        await Server.PutDagAsync("gates", TestDags.TwoGates);
        var runId = await Server.TriggerAsync("gates");
        var cell = (string node) => Page.Locator($"#grid a.mark[href$='?node={node}']");

        await Page.GotoAsync("/dags/gates");
        await Expect(cell("first")).ToHaveAttributeAsync("data-state", "waiting");
        await Expect(cell("second")).ToHaveAttributeAsync("data-state", "pending");
        await Server.SendEventAsync("gates", runId, "one", "{}");

        // The run still goes on (it waits for "two"), so only the live poll can move the column.
        await Expect(cell("second")).ToHaveAttributeAsync("data-state", "waiting");
        await Expect(cell("first")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(Page.Locator("#grid thead button.mark")).ToHaveAttributeAsync("data-state", "running");
        Assert.Equal("running", (await Server.GetJsonAsync($"/api/dags/gates/runs/{Uri.EscapeDataString(runId)}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_column_of_the_grid_selects_its_run_for_the_graph()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        Server.Outside.CostFails = true;
        var failed = await Server.RunToEndAsync("shipping", """{ "label": "a" }""");
        Server.Outside.CostFails = false;
        var succeeded = await Server.RunToEndAsync("shipping", """{ "label": "b" }""");

        await Page.GotoAsync("/dags/shipping");
        await Expect(Page.Locator(".gnode[data-node='cost']")).ToHaveAttributeAsync("data-state", "succeeded");
        var columns = Page.Locator("#grid thead button.mark");
        await Expect(columns).ToHaveCountAsync(2);
        await columns.First.ClickAsync();

        await Expect(Page.Locator(".gnode[data-node='cost']")).ToHaveAttributeAsync("data-state", "failed");
        await Expect(Page.Locator(".gnode[data-node='report']")).ToHaveAttributeAsync("data-state", "upstream_failed");
        await Expect(Page.Locator("#run-summary .run-id")).ToHaveTextAsync(failed);
        await Expect(Page).ToHaveURLAsync(new Regex($@"\?run={Regex.Escape(Uri.EscapeDataString(failed))}$"));
        await Expect(Page.Locator("#grid thead th.selected button")).ToHaveAttributeAsync("data-run", failed);
    }

    [Fact]
    public async Task Pause_and_unpause_on_the_dag_page_change_the_server()
    {
        await Server.PutDagAsync("nightly", TestDags.Nightly);
        await Page.GotoAsync("/dags/nightly");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();

        await Expect(Page.Locator(".page-head .pill")).ToHaveTextAsync("paused");
        Assert.True((await Server.GetJsonAsync("/api/dags/nightly")).GetProperty("paused").GetBoolean());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Unpause", Exact = true }).ClickAsync();
        await Expect(Page.Locator(".page-head .pill")).ToHaveTextAsync("active");
    }

    [Fact]
    public async Task The_page_of_a_500_node_dag_draws_every_node_and_reports_its_render_time()
    {
        await Server.PutDagAsync("large", TestDags.Large("large", 500));
        var runId = await Server.TriggerAsync("large");
        await Server.WaitForRunAsync("large", runId, TimeSpan.FromMinutes(2));

        await Page.GotoAsync("/dags/large");
        await Page.WaitForFunctionAsync("() => performance.getEntriesByName('dag-page-ready').length > 0");

        await Expect(Page.Locator(".gnode")).ToHaveCountAsync(500);
        await Expect(Page.Locator(".gnode[data-state='succeeded']")).ToHaveCountAsync(500);
        await Expect(Page.Locator("#grid tbody tr")).ToHaveCountAsync(500);
        var timings = await Page.EvaluateAsync<Dictionary<string, double>>("""
            () => Object.fromEntries(['dag-page-data', 'dag-graph-render', 'dag-grid-render', 'dag-page-ready']
              .map((name) => [name, performance.getEntriesByName(name).at(-1)?.duration ?? -1]))
            """);
        var edges = await Page.Locator(".graph-edges path").CountAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"500-node DAG page: {edges} edges"));
        foreach (var (name, ms) in timings)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"500-node DAG page, {name}: {ms:F1} ms"));
        }
    }
}
