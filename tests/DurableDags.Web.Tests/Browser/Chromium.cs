using Microsoft.Playwright;

namespace DurableDags.Web.Tests.Browser;

/// <summary>
/// One headless Debian Chromium for the browser tests, driven by Playwright through its executable
/// path (Playwright's own browser download is not used). CI installs it with apt-get install chromium.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>How long actions and assertions poll: enough for a run of a few nodes on a busy machine.</summary>
    public const float Patience = 30_000;

    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {ExecutablePath}: apt-get install chromium.");
        }

        Assertions.SetDefaultExpectTimeout(Patience);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = Flags });
    }

    /// <summary>A fresh page at laptop size that records what the console and the page report as errors.</summary>
    /// <param name="timezoneId">The browser's zone (its own when null), for pages read as a user elsewhere reads them.</param>
    /// <param name="locale">The browser's locale (its own when null).</param>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(Uri baseAddress, string? timezoneId = null, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = 1440, Height = 900 },
            TimezoneId = timezoneId,
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Patience);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Chromium";
}
