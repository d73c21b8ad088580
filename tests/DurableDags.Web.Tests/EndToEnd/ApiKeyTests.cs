using DurableDags.Web.Tests.Browser;

namespace DurableDags.Web.Tests.EndToEnd;

[Collection(ChromiumCollection.Name)]
public sealed class ApiKeyTests(Chromium chromium) : UiSession(chromium, new Dictionary<string, string?>
{
    ["DurableDags:ApiKeys:ops:Key"] = Key,
    ["DurableDags:ApiKeys:ops:Roles"] = "Dags.Admin",
})
{
    private const string Key = "ops-key-0123456789abcdef0123";

    [Fact]
    public async Task Without_a_key_the_page_says_where_it_goes_and_with_it_the_dags_load()
    {
        await Server.PutDagAsync("nightly", TestDags.Nightly, Key);

        await Page.GotoAsync("/");

        await Expect(Page.Locator(".problem")).ToContainTextAsync("API key");
        await Page.Locator("#api-key").FillAsync(Key);
        await Page.Locator("#api-key-form button").ClickAsync();

        await Expect(Page.Locator("tr[data-dag='nightly']")).ToBeVisibleAsync();
        Assert.Equal(Key, await Page.EvaluateAsync<string>("() => localStorage.getItem('durableDags.apiKey')"));
        await Page.ReloadAsync();
        await Expect(Page.Locator("tr[data-dag='nightly']")).ToBeVisibleAsync();
    }
}
