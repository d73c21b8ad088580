using DurableDags.Web.Tests.Hosting;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.Browser;

/// <summary>
/// A Chromium page on the served assets, for tests of the UI's pure modules: they import a module
/// with <c>Page.EvaluateAsync</c> and check what it answers, in the real browser and with the very
/// files the hosts serve. A page on an asset rather than the UI, so no page script runs beside them.
/// </summary>
public abstract class ModulePage(Chromium chromium, string? timezoneId = null, string? locale = null) : IAsyncLifetime
{
    private UiServer _server = null!;

    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await UiServer.StartAsync();
        (Page, _) = await chromium.NewPageAsync(_server.Address, timezoneId, locale);
        await Page.GotoAsync("/assets/favicon.svg");
    }

    public async Task DisposeAsync()
    {
        await Page.Context.CloseAsync();
        await _server.DisposeAsync();
    }
}
