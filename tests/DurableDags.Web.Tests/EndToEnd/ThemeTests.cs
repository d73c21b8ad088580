using DurableDags.Web.Tests.Browser;
using Microsoft.Playwright;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>The Theme menu of the top bar: it overrides the system's colour scheme and is remembered.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ThemeTests(Chromium chromium) : UiSession(chromium)
{
    private const string LightBackground = "rgb(245, 246, 248)";
    private const string DarkBackground = "rgb(13, 17, 23)";

    [Fact]
    public async Task Choosing_dark_changes_the_computed_background_and_survives_a_reload()
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Page.GotoAsync("/");
        var root = Page.Locator("html");
        await Expect(root).ToHaveCSSAsync("background-color", LightBackground);

        await Page.Locator("#theme").SelectOptionAsync("dark");

        await Expect(root).ToHaveCSSAsync("background-color", DarkBackground);
        await Expect(Page.Locator("main")).ToHaveCSSAsync("color", "rgb(230, 237, 243)");
        await Page.ReloadAsync();
        await Expect(Page.Locator("#theme")).ToHaveValueAsync("dark");
        await Expect(root).ToHaveCSSAsync("background-color", DarkBackground);

        await Page.Locator("#theme").SelectOptionAsync("");
        await Expect(root).ToHaveCSSAsync("background-color", LightBackground);
        Assert.Null(await Page.EvaluateAsync<string?>("() => localStorage.getItem('durableDags.theme')"));
    }

    [Fact]
    public async Task Without_a_choice_the_page_follows_the_systems_dark_scheme_and_light_overrides_it()
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Page.GotoAsync("/");
        var root = Page.Locator("html");
        await Expect(root).ToHaveCSSAsync("background-color", DarkBackground);

        await Page.Locator("#theme").SelectOptionAsync("light");

        await Expect(root).ToHaveCSSAsync("background-color", LightBackground);
    }
}
