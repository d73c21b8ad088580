using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>A server that inlines outputs of up to 16 bytes only, so every output is linked.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class LargeOutputTests(Chromium chromium) : UiSession(chromium, new Dictionary<string, string?>
{
    ["DurableDags:Api:MaxInlineOutputBytes"] = "16",
})
{
    [Fact]
    public async Task An_output_too_large_to_inline_is_fetched_from_its_link_on_request()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);
        var runId = await Server.RunToEndAsync("shipping", """{ "label": "x" }""");

        await Page.GotoAsync($"/dags/shipping/runs/{Uri.EscapeDataString(runId)}?node=carriers");
        var panel = Page.Locator("#node-panel");
        await Expect(panel.Locator("pre.json")).ToBeHiddenAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Load the output" }).ClickAsync();

        await Expect(panel.Locator("pre.json")).ToContainTextAsync("\"acme\"");
    }
}
