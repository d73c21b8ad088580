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
        foreach (var state in WireNames.All<NodeState>().Union(WireNames.All<RunState>()).Append("cancelling").Append("none"))
        {
            data.Add(state);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Each_state_has_colours_with_text_contrast_of_at_least_4_5(string state)
    {
        var background = Variable($"s-{state}-bg");
        var foreground = Variable($"s-{state}-fg");

        var ratio = Contrast(background, foreground);

        Assert.True(ratio >= TextContrast, $"{state}: {foreground} on {background} has contrast {ratio:F2}");
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Each_state_has_an_icon_and_a_label(string state)
    {
        Assert.Contains($"<symbol id=\"i-{state}\"", Text("index.html"), StringComparison.Ordinal);
        Assert.Matches(new Regex($@"\b{state}: '[a-z ]+'"), Text("assets/js/states.js"));
    }

    [Theory]
    [InlineData("text", "bg")]
    [InlineData("text", "surface")]
    [InlineData("muted", "surface")]
    [InlineData("muted", "bg")]
    [InlineData("accent", "surface")]
    [InlineData("danger", "surface")]
    [InlineData("accent-text", "accent")]
    [InlineData("top-text", "top-bg")]
    public void Page_text_has_contrast_of_at_least_4_5(string text, string background)
    {
        var ratio = Contrast(Variable(background), Variable(text));

        Assert.True(ratio >= TextContrast, $"--{text} on --{background} has contrast {ratio:F2}");
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

    private static string Variable(string name)
    {
        var match = new Regex($@"--{Regex.Escape(name)}:\s*(#[0-9a-fA-F]{{6}})\s*;").Match(Css);
        Assert.True(match.Success, $"app.css defines no colour --{name}");
        return match.Groups[1].Value;
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
