using System.Text.RegularExpressions;
using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>The import errors of the server's DAG folder: their count in the top bar and their page.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ImportErrorsPageTests(Chromium chromium) : UiSession(chromium), IDisposable
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"dd-web-dags-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public async Task A_broken_file_is_counted_in_the_top_bar_and_its_page_shows_the_file_line_and_field_until_it_is_mended()
    {
        var broken = Path.Combine(folder, "broken.yaml");
        await File.WriteAllTextAsync(broken, "id: broken\nnodes:\n  one:\n    type: teleport\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "fine.yaml"), "id: fine\nnodes:\n  one: { type: noop }\n");
        await Server.ImportFolderAsync(folder);

        await Page.GotoAsync("/");
        var count = Page.Locator("#import-error-count");
        await Expect(count).ToHaveTextAsync("1");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Import errors: 1" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/import-errors$"));
        var row = Page.Locator("table.import-errors tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("th")).ToHaveTextAsync(broken);
        await Expect(row.Locator(".where")).ToHaveTextAsync("line 4, column 11");
        await Expect(row.Locator("pre.error-text")).ToContainTextAsync("teleport");
        await ScreenshotAsync("import-errors.png");

        await File.WriteAllTextAsync(broken, "id: broken\nnodes:\n  one: { type: noop }\n");
        await Server.ImportFolderAsync(folder);

        await Expect(Page.Locator("main .empty")).ToContainTextAsync("No import errors");
        await Expect(count).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_server_without_import_errors_shows_no_count()
    {
        await Server.PutDagAsync("shipping", TestDags.Shipping);

        await Page.GotoAsync("/import-errors");

        await Expect(Page.Locator("main .empty")).ToContainTextAsync("No import errors");
        await Expect(Page.Locator("#import-error-count")).ToBeHiddenAsync();
        await Expect(Page.Locator("#site-nav a[data-nav='import-errors']")).ToHaveAttributeAsync("aria-current", "page");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
