using System.Globalization;

namespace DurableDags.Engine.Operators.Settings;

/// <summary>Durations as DAG files write them: 500ms, 30s, 10m, 2h, 1d.</summary>
internal static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        var unitStart = 0;
        while (unitStart < text.Length && (char.IsAsciiDigit(text[unitStart]) || text[unitStart] == '.'))
        {
            unitStart++;
        }

        if (unitStart == 0 || !double.TryParse(text.AsSpan(0, unitStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        TimeSpan? result = text[unitStart..] switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => null,
        };
        duration = result ?? default;
        return result is not null;
    }

    /// <summary>The way a user writes it: <c>1m</c>, <c>1h30m</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, duration.TotalMilliseconds):0}ms");
        }

        var text = new System.Text.StringBuilder();
        Append(text, duration.Days, "d");
        Append(text, duration.Hours, "h");
        Append(text, duration.Minutes, "m");
        Append(text, duration.Seconds, "s");
        Append(text, duration.Milliseconds, "ms");
        return text.ToString();
    }

    private static void Append(System.Text.StringBuilder text, int amount, string unit)
    {
        if (amount > 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
