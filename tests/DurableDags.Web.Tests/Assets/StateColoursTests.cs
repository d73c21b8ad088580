using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DurableDags.Core.States;
using DurableDags.Web.Assets;

namespace DurableDags.Web.Tests.Assets;

/// <summary>
/// Every state the server can send has colours that meet WCAG AA for text (4.5:1), an icon of its
/// own in the sprite, and a label in the scripts: state is never told by colour alone.
/// </summary>
public sealed class StateColoursTests
{
    private const double TextContrast = 4.5;

    private static string Css => Text("assets/app.css");

    public static TheoryData<string> States()
    {
        var data = new TheoryData<string>();
        foreach (var state in AllStates())
        {
            data.Add(state);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatesInBothThemes))]
    public void Each_state_has_colours_with_text_contrast_of_at_least_4_5(string state, bool dark)
    {
        var background = Variable($"s-{state}-bg", dark);
        var foreground = Variable($"s-{state}-fg", dark);

        var ratio = Contrast(background, foreground);

        Assert.True(ratio >= TextContrast, $"{state} ({Theme(dark)}): {foreground} on {background} has contrast {ratio:F2}");
    }

    public static TheoryData<string, bool> StatesInBothThemes()
    {
        var data = new TheoryData<string, bool>();
        foreach (var state in AllStates())
        {
            data.Add(state, false);
            data.Add(state, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Each_state_has_an_icon_and_a_label(string state)
    {
        Assert.Contains($"<symbol id=\"i-{state}\"", Text("index.html"), StringComparison.Ordinal);
        Assert.Matches(new Regex($@"\b{state}: '[a-z ]+'"), Text("assets/js/states.js"));
    }

    [Theory]
    [InlineData("text", "bg", false)]
    [InlineData("text", "bg", true)]
    [InlineData("text", "surface", false)]
    [InlineData("text", "surface", true)]
    [InlineData("muted", "surface", false)]
    [InlineData("muted", "surface", true)]
    [InlineData("muted", "bg", false)]
    [InlineData("muted", "bg", true)]
    [InlineData("accent", "surface", false)]
    [InlineData("accent", "surface", true)]
    [InlineData("danger", "surface", false)]
    [InlineData("danger", "surface", true)]
    [InlineData("accent-text", "accent", false)]
    [InlineData("accent-text", "accent", true)]
    [InlineData("top-text", "top-bg", false)]
    [InlineData("top-text", "top-bg", true)]
    [InlineData("ok", "surface", false)]
    [InlineData("ok", "surface", true)]
    [InlineData("paused-fg", "paused-bg", false)]
    [InlineData("paused-fg", "paused-bg", true)]
    [InlineData("problem-text", "problem-bg", false)]
    [InlineData("problem-text", "problem-bg", true)]
    [InlineData("text", "diff-add-bg", false)]
    [InlineData("text", "diff-add-bg", true)]
    [InlineData("text", "diff-del-bg", false)]
    [InlineData("text", "diff-del-bg", true)]
    [InlineData("text", "selected", false)]
    [InlineData("text", "selected", true)]
    [InlineData("disabled-fg", "disabled-bg", false)]
    [InlineData("disabled-fg", "disabled-bg", true)]
    public void Page_text_has_contrast_of_at_least_4_5(string text, string background, bool dark)
    {
        var ratio = Contrast(Variable(background, dark), Variable(text, dark));

        Assert.True(ratio >= TextContrast, $"--{text} on --{background} ({Theme(dark)}) has contrast {ratio:F2}");
    }

    [Fact]
    public void The_dark_palette_is_a_palette_of_its_own()
    {
        Assert.NotEqual(Variable("bg", dark: false), Variable("bg", dark: true));
        Assert.NotEqual(Variable("text", dark: false), Variable("text", dark: true));
        Assert.NotEqual(Variable("s-pending-bg", dark: false), Variable("s-pending-bg", dark: true));
    }

    [Fact]
    public void Contrast_follows_the_wcag_formula()
    {
        Assert.Equal(21.0, Contrast("#000000", "#ffffff"), 2);
        Assert.Equal(1.0, Contrast("#777777", "#777777"), 2);
        Assert.Equal(4.48, Contrast("#ffffff", "#777777"), 2);
    }

    private static string Text(string path) =>
        Encoding.UTF8.GetString(WebUiAssets.Embedded.All.Single(a => a.Path == path).Content.Span);

    private static IEnumerable<string> AllStates() =>
        WireNames.All<NodeState>().Union(WireNames.All<RunState>()).Append("cancelling").Append("none");

    private static string Theme(bool dark) => dark ? "dark" : "light";

    /// <summary>
    /// A colour of the light or the dark palette: app.css declares it either as one colour for both,
    /// or as <c>light-dark(#light, #dark)</c>.
    /// </summary>
    private static string Variable(string name, bool dark = false)
    {
        var match = new Regex($@"--{Regex.Escape(name)}:\s*(?:(?<both>#[0-9a-fA-F]{{6}})|light-dark\(\s*(?<light>#[0-9a-fA-F]{{6}})\s*,\s*(?<dark>#[0-9a-fA-F]{{6}})\s*\))\s*;").Match(Css);
        Assert.True(match.Success, $"app.css defines no colour --{name}");
        return match.Groups["both"].Success ? match.Groups["both"].Value : match.Groups[dark ? "dark" : "light"].Value;
    }

    private static double Contrast(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }
}
