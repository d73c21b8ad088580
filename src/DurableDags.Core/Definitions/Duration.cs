using System.Globalization;
using System.Text;

namespace DurableDags.Core.Definitions;

/// <summary>
/// Durations as DAG files write them: whole numbers with a unit, largest unit first, each unit at
/// most once: <c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>, <c>1h30m</c>, <c>1d12h</c>.
/// No bare numbers: <c>timeout: 30</c> could mean seconds or minutes, so it is an error.
/// </summary>
public static class Duration
{
    /// <summary>The units in the order they must appear, with their length in milliseconds.</summary>
    private static readonly (string Unit, long Milliseconds)[] Units =
    [
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ];

    public const string Hint = "a duration such as 500ms, 30s, 10m, 2h, 1d or 1h30m";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        long total = 0;
        var next = 0; // index into Units of the smallest unit still allowed
        var i = 0;
        while (i < text.Length)
        {
            var digitsStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == digitsStart || i - digitsStart > 12)
            {
                return false;
            }

            var number = long.Parse(text.AsSpan(digitsStart, i - digitsStart), CultureInfo.InvariantCulture);
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetterLower(text[i]))
            {
                i++;
            }

            var unit = text.AsSpan(unitStart, i - unitStart);
            var found = -1;
            for (var u = next; u < Units.Length; u++)
            {
                if (unit.SequenceEqual(Units[u].Unit))
                {
                    found = u;
                    break;
                }
            }

            if (found < 0)
            {
                return false;
            }

            next = found + 1;
            try
            {
                total = checked(total + (number * Units[found].Milliseconds));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        if (total > (long)TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>The shortest text <see cref="TryParse"/> reads back as the same value.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Durations are never negative.");
        }

        var remaining = (long)value.TotalMilliseconds;
        if (remaining == 0)
        {
            return "0s";
        }

        var text = new StringBuilder();
        foreach (var (unit, ms) in Units)
        {
            if (remaining >= ms)
            {
                text.Append(CultureInfo.InvariantCulture, $"{remaining / ms}{unit}");
                remaining %= ms;
            }
        }

        return text.ToString();
    }
}
