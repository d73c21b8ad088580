using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>
/// The graph of a DAG page on large and wide DAGs: Fit, zoom, minimap, search, foreach nodes, and a
/// run drawn on the DAG version it ran.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed partial class GraphViewTests(Chromium chromium) : UiSession(chromium)
{
    /// <summary>How many nodes (data-node) lie outside the graph's window, by their boxes on screen.</summary>
    private const string NodesOutsideTheWindow = """
        () => {
          const win = document.querySelector('.graph-window').getBoundingClientRect();
          return [...document.querySelectorAll('.gnode')].filter((n) => {
            const r = n.getBoundingClientRect();
            return r.left < win.left - 1 || r.top < win.top - 1 || r.right > win.right + 1 || r.bottom > win.bottom + 1;
          }).map((n) => n.dataset.node);
        }
        """;

    [Fact]
    public async Task A_240_node_graph_fits_its_window_and_fit_brings_it_back_after_zooming_in()
    {
        await Server.PutDagAsync("large", TestDags.Large("large", 240));
        await Page.GotoAsync("/dags/large");
        await Expect(Page.Locator(".gnode")).ToHaveCountAsync(240);

        Assert.Empty(await OutsideAsync());
        await Expect(Page.Locator(".graph-minimap")).ToBeVisibleAsync();
        await Expect(Page.Locator(".graph-minimap .mini-frame")).ToHaveCountAsync(1);
        var fitted = await ScaleAsync();
        Assert.True(fitted < 1, $"a 240-node graph fits at scale {fitted}");
        await ScreenshotAsync("dag-graph-large.png");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await Expect(Page.Locator(".graph-window")).Not.ToHaveAttributeAsync("data-scale", Scale(fitted));
        var zoomedIn = await ScaleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await Expect(Page.Locator(".graph-window")).Not.ToHaveAttributeAsync("data-scale", Scale(zoomedIn));
        Assert.True(await ScaleAsync() > zoomedIn && zoomedIn > fitted);
        Assert.NotEmpty(await OutsideAsync());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Zoom out" }).ClickAsync();
        await Expect(Page.Locator(".graph-window")).ToHaveAttributeAsync("data-scale", Scale(zoomedIn));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Fit the whole graph" }).ClickAsync();

        await Expect(Page.Locator(".graph-window")).ToHaveAttributeAsync("data-scale", Scale(fitted));
        Assert.Empty(await OutsideAsync());
    }

    [Fact]
    public async Task The_wheel_zooms_around_the_pointer_and_a_drag_pans_without_opening_a_node()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        var runId = await Server.RunToEndAsync("shipping", """{ "label": "a" }""");
        await Page.GotoAsync($"/dags/shipping?run={Uri.EscapeDataString(runId)}");
        await Expect(Page.Locator(".gnode[data-node='cost']")).ToHaveAttributeAsync("data-state", "succeeded");
        var card = (await Page.Locator(".gnode[data-node='cost'] .gnode-card").BoundingBoxAsync())!;
        var (cx, cy) = (card.X + (card.Width / 2), card.Y + (card.Height / 2));

        await Page.Mouse.MoveAsync(cx, cy);
        await Page.Mouse.WheelAsync(0, -400);

        await Expect(Page.Locator(".graph-window")).Not.ToHaveAttributeAsync("data-scale", Scale(1));
        Assert.True(await ScaleAsync() > 1);
        var zoomed = (await Page.Locator(".gnode[data-node='cost'] .gnode-card").BoundingBoxAsync())!;
        Assert.True(Math.Abs(zoomed.X + (zoomed.Width / 2) - cx) < 2 && Math.Abs(zoomed.Y + (zoomed.Height / 2) - cy) < 2, "the point under the pointer stays put");

        var before = await Page.Locator(".graph-world").GetAttributeAsync("transform");
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(cx - 60, cy + 20, new() { Steps = 5 });
        await Page.Mouse.UpAsync();

        await Expect(Page.Locator(".graph-world")).Not.ToHaveAttributeAsync("transform", before!);
        var moved = (await Page.Locator(".gnode[data-node='cost'] .gnode-card").BoundingBoxAsync())!;
        Assert.True(Math.Abs(moved.X - zoomed.X + 60) < 2 && Math.Abs(moved.Y - zoomed.Y - 20) < 2, $"moved by {moved.X - zoomed.X}, {moved.Y - zoomed.Y}");
        Assert.EndsWith($"/dags/shipping?run={Uri.EscapeDataString(runId)}", Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_zooms_a_220_wide_fan_out_out_until_every_node_is_in_the_window()
    {
        await Server.PutDagAsync("fan", FanOut("fan", 220));
        await Page.GotoAsync("/dags/fan");
        await Expect(Page.Locator(".gnode")).ToHaveCountAsync(222);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Actual size" }).ClickAsync();
        await Expect(Page.Locator(".graph-window")).ToHaveAttributeAsync("data-scale", Scale(1));
        Assert.NotEmpty(await OutsideAsync());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Fit the whole graph" }).ClickAsync();

        await Expect(Page.Locator(".graph-window")).Not.ToHaveAttributeAsync("data-scale", Scale(1));
        Assert.True(await ScaleAsync() < 0.2, "a 220-high column must be drawn far smaller than natural size");
        Assert.Empty(await OutsideAsync());
    }

    [Fact]
    public async Task A_node_found_by_its_id_is_marked_and_centred_in_the_window()
    {
        await Server.PutDagAsync("large", TestDags.Large("large", 240));
        await Page.GotoAsync("/dags/large");
        await Expect(Page.Locator(".gnode")).ToHaveCountAsync(240);

        await Page.Locator("#graph-search").FillAsync("n173");
        await Page.Locator("#graph-search").PressAsync("Enter");

        var node = Page.Locator(".gnode[data-node='n173']");
        await Expect(node).ToHaveClassAsync(new Regex(@"\bfound\b"));
        await Expect(Page.Locator(".graph-found")).ToHaveTextAsync("n173 found");
        await Expect(Page.Locator(".gnode.found")).ToHaveCountAsync(1);
        var offset = await Page.EvaluateAsync<double[]>("""
            () => {
              const win = document.querySelector('.graph-window').getBoundingClientRect();
              const r = document.querySelector(".gnode[data-node='n173'] .gnode-card").getBoundingClientRect();
              return [r.left + r.width / 2 - (win.left + win.width / 2), r.top + r.height / 2 - (win.top + win.height / 2)];
            }
            """);
        Assert.True(Math.Abs(offset[0]) < 2 && Math.Abs(offset[1]) < 2, $"n173 is {offset[0]}, {offset[1]} px from the centre");
        Assert.True(await ScaleAsync() >= 1, "a found node is shown at a readable size");

        await Page.Locator("#graph-search").FillAsync("nowhere");
        await Page.Locator("#graph-search").PressAsync("Enter");

        await Expect(Page.Locator(".graph-found")).ToHaveTextAsync("No node matches “nowhere”");
        await Expect(Page.Locator(".gnode.found")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_dozen_nodes_in_a_line_are_not_cut_off_at_1400_px()
    {
        await Page.SetViewportSizeAsync(1400, 900);
        var yaml = new StringBuilder("id: line\nnodes:\n");
        for (var i = 0; i < 12; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  step{i}:\n    type: noop\n{(i > 0 ? $"    needs: [step{i - 1}]\n" : string.Empty)}");
        }

        await Server.PutDagAsync("line", yaml.ToString());
        await Page.GotoAsync("/dags/line");
        await Expect(Page.Locator(".gnode")).ToHaveCountAsync(12);

        Assert.Empty(await OutsideAsync());
        Assert.Equal("dagre", await Page.Locator("svg.graph").GetAttributeAsync("data-engine"));
    }

    [Fact]
    public async Task A_three_node_graph_is_drawn_at_natural_size_without_a_minimap()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        await Page.GotoAsync("/dags/shipping");
        await Expect(Page.Locator(".gnode")).ToHaveCountAsync(3);

        await Expect(Page.Locator(".graph-window")).ToHaveAttributeAsync("data-scale", Scale(1));
        await Expect(Page.Locator(".graph-minimap")).ToBeHiddenAsync();
        Assert.Empty(await OutsideAsync());
    }

    [Fact]
    public async Task A_foreach_node_is_drawn_as_a_stack_with_the_count_of_its_instances()
    {
        await Server.PutDagAsync("per-carrier", TestDags.PerCarrier);
        var runId = await Server.RunToEndAsync("per-carrier");

        await Page.GotoAsync($"/dags/per-carrier?run={Uri.EscapeDataString(runId)}");

        var cost = Page.Locator(".gnode[data-node='cost']");
        await Expect(cost).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(cost).ToHaveAttributeAsync("data-mapped", "true");
        await Expect(cost.Locator(".gnode-stack")).ToHaveCountAsync(2);
        await Expect(cost.Locator(".gnode-count")).ToHaveTextAsync("×2");
        await Expect(cost).ToHaveAttributeAsync("aria-label", "cost (foreach ×2): succeeded");
        await Expect(Page.Locator(".gnode[data-node='carriers'] .gnode-stack")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_run_of_version_1_is_drawn_on_version_1_after_the_dag_changed()
    {
        await Server.PutDagAsync("etl", "id: etl\nnodes:\n  extract: { type: noop }\n  legacy: { type: noop, needs: [extract] }\n  load: { type: noop, needs: [legacy] }\n");
        var old = await Server.RunToEndAsync("etl");
        await Server.PutDagAsync("etl", "id: etl\nnodes:\n  extract: { type: noop }\n  clean: { type: noop, needs: [extract] }\n  load: { type: noop, needs: [clean] }\n  report: { type: noop, needs: [load] }\n");
        var current = await Server.RunToEndAsync("etl");

        await Page.GotoAsync($"/dags/etl?run={Uri.EscapeDataString(old)}");

        await Expect(Page.Locator("#graph")).ToHaveAttributeAsync("data-version", "1");
        await Expect(Page.Locator(".gnode[data-node='legacy']")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(Page.Locator(".gnode")).ToHaveCountAsync(3);
        await Expect(Page.Locator(".gnode[data-state='none']")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#graph-version")).ToContainTextAsync("Drawn on version 1 of ");
        await Expect(Page.Locator("#graph-version")).ToContainTextAsync("(current is 2)");

        await Page.Locator("#run-select").SelectOptionAsync(current);

        await Expect(Page.Locator("#graph")).ToHaveAttributeAsync("data-version", "2");
        await Expect(Page.Locator(".gnode[data-node='report']")).ToHaveAttributeAsync("data-state", "succeeded");
        await Expect(Page.Locator(".gnode[data-node='legacy']")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#graph-version")).ToBeEmptyAsync();

        await Page.GotoAsync($"/dags/etl/runs/{Uri.EscapeDataString(old)}");

        await Expect(Page.Locator(".page-head .version-note")).ToContainTextAsync("(current is 2)");
        await Expect(Page.Locator(".gantt-key .path-list")).ToHaveTextAsync("extract → legacy → load");
    }

    [Fact]
    public async Task A_finished_240_node_run_of_noops_has_a_longest_path()
    {
        await Server.PutDagAsync("large", TestDags.Large("large", 240));
        var runId = await Server.TriggerAsync("large");
        await Server.WaitForRunAsync("large", runId, TimeSpan.FromMinutes(2));

        await Page.GotoAsync($"/dags/large/runs/{Uri.EscapeDataString(runId)}");

        await Expect(Page.Locator(".gantt-key")).ToContainTextAsync("On the longest path (");
        var key = await Page.Locator(".gantt-key").InnerTextAsync();
        var count = int.Parse(PathCount().Match(key).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(count > 1, key);
        Assert.Matches(@"^n([0-9]|10) → ", await Page.Locator(".gantt-key .path-list").InnerTextAsync());
    }

    private static string FanOut(string id, int width)
    {
        var yaml = new StringBuilder($"id: {id}\nnodes:\n  root:\n    type: noop\n");
        for (var i = 0; i < width; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  leaf{i}:\n    type: noop\n    needs: [root]\n");
        }

        yaml.Append("  join:\n    type: noop\n    needs: [").Append(string.Join(", ", Enumerable.Range(0, width).Select(i => $"leaf{i}"))).Append("]\n");
        return yaml.ToString();
    }

    private static string Scale(double k) => k.ToString("F4", CultureInfo.InvariantCulture);

    private async Task<double> ScaleAsync() =>
        double.Parse((await Page.Locator(".graph-window").GetAttributeAsync("data-scale"))!, CultureInfo.InvariantCulture);

    private async Task<string[]> OutsideAsync() => await Page.EvaluateAsync<string[]>(NodesOutsideTheWindow);

    [GeneratedRegex(@"On the longest path \((\d+) node")]
    private static partial Regex PathCount();
}
