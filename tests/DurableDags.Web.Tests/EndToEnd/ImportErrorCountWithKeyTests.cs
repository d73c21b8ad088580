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

        await Page.GotoAsync("/runs");
        await Expect(Page.Locator(".problem")).ToContainTextAsync("API key");
        var count = Page.Locator("#import-error-count");
        await Expect(count).ToBeHiddenAsync();
        await Page.Locator("#api-key").FillAsync(Key);
        await Page.Locator("#api-key-form button").ClickAsync();

        // The count is read every 15 s; the patience of an assertion is 30 s, so bound it tighter.
        await Expect(count).ToHaveTextAsync("1", new() { Timeout = 8_000 });
        await Expect(Page.Locator("main .empty")).ToContainTextAsync("No run matches");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
