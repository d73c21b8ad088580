using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>
/// A real server and a browser page on it, for one test. At the end it checks that the page
/// reported no script error: a failing request the test provoked (a 400, a 401) is the only
/// console error allowed.
/// </summary>
public abstract class UiSession(Chromium chromium, IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private List<string> errors = [];

    protected DagServer Server { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await DagServer.StartAsync(settings);
        (Page, errors) = await chromium.NewPageAsync(Server.Address);
    }

    public async Task DisposeAsync()
    {
        var unexpected = errors.Where(e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal)).ToList();
        await Page.Context.CloseAsync();
        await Server.DisposeAsync();
        Assert.True(unexpected.Count == 0, "The page reported errors:\n" + string.Join('\n', unexpected));
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    /// <summary>
    /// Saves a screenshot under the test output's screenshots folder; docs/images holds copies
    /// (see docs/web-ui.md for how to refresh them).
    /// </summary>
    protected async Task<string> ScreenshotAsync(string name, bool fullPage = false)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        await Page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        return path;
    }
}
