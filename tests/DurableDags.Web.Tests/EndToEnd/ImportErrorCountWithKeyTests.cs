using DurableDags.Web.Tests.Browser;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>The import error count in the top bar of a server with API keys: known once a key is saved.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ImportErrorCountWithKeyTests(Chromium chromium) : UiSession(chromium, new Dictionary<string, string?>
{
    ["DurableDags:ApiKeys:ops:Key"] = Key,
    ["DurableDags:ApiKeys:ops:Roles"] = "Dags.Read",
}), IDisposable
{
    private const string Key = "ops-key-0123456789abcdef0123";

    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"dd-web-dags-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public async Task The_count_shows_as_soon_as_a_key_is_saved_without_waiting_for_the_next_reading()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.yaml"), "id: broken\nnodes: [\n");
        await Server.ImportFolderAsync(folder);

        // The count is also read every 15 s: with the page's clock stopped, only the read that
        // saving the key starts can show it (the page needs no timer to load or to render runs).
        var now = DateTime.UtcNow;
        await Page.Clock.InstallAsync(new() { TimeDate = now });
        await Page.Clock.PauseAtAsync(now.AddMinutes(1));
        await Page.GotoAsync("/runs");
        await Expect(Page.Locator(".problem")).ToContainTextAsync("API key");
        var count = Page.Locator("#import-error-count");
        await Expect(count).ToBeHiddenAsync();
        await Page.Locator("#api-key").FillAsync(Key);
        await Page.Locator("#api-key-form button").ClickAsync();

        await Expect(count).ToHaveTextAsync("1");
        await Expect(Page.Locator("main .empty")).ToContainTextAsync("No run matches");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
