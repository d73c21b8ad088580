using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NCrontab;

namespace DurableDags.Core.Scheduling;

/// <summary>
/// A parsed schedule expression in local wall-clock time, before any time zone applies: 6-field
/// NCRONTAB, 5-field cron or an @ macro, all normalised to NCRONTAB with seconds.
/// </summary>
internal sealed class CronExpression
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 0 1 1 *",
        ["@annually"] = "0 0 0 1 1 *",
        ["@monthly"] = "0 0 0 1 * *",
        ["@weekly"] = "0 0 0 * * 0",
        ["@daily"] = "0 0 0 * * *",
        ["@midnight"] = "0 0 0 * * *",
        ["@hourly"] = "0 0 * * * *",
    };

    private static readonly FieldSpec[] Fields =
    [
        new(CrontabFieldKind.Second, "second", "0 to 59"),
        new(CrontabFieldKind.Minute, "minute", "0 to 59"),
        new(CrontabFieldKind.Hour, "hour", "0 to 23"),
        new(CrontabFieldKind.Day, "day", "1 to 31"),
        new(CrontabFieldKind.Month, "month", "1 to 12 or JAN to DEC"),
        new(CrontabFieldKind.DayOfWeek, "weekday", "0 to 6 or SUN to SAT, 0 being Sunday"),
    ];

    // Any day that exists matches within 29 years, February 29 on a given weekday included.
    private static readonly DateTime NeverFiresProbeStart = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime NeverFiresProbeEnd = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    private CronExpression(CrontabSchedule crontab, bool firesEveryHour)
    {
        Crontab = crontab;
        FiresEveryHour = firesEveryHour;
    }

    public CrontabSchedule Crontab { get; }

    /// <summary>
    /// True when the hour field matches all 24 hours. Such schedules follow real hours across
    /// daylight-saving changes; the others are fixed-time schedules (see docs/schedules.md).
    /// </summary>
    public bool FiresEveryHour { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out CronExpression? expression, [NotNullWhen(false)] out string? error)
    {
        expression = null;
        var trimmed = text.Trim();
        if (trimmed.StartsWith('@'))
        {
            if (!Macros.TryGetValue(trimmed, out var expanded))
            {
                error = $"schedule '{text}' is not a known macro; use @hourly, @daily, @weekly, @monthly or @yearly";
                return false;
            }

            trimmed = expanded;
        }

        var tokens = trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 5)
        {
            tokens = ["0", .. tokens];
        }
        else if (tokens.Length != 6)
        {
            error = $"schedule '{text}' has {tokens.Length} fields; write 6 (second minute hour day month weekday), "
                + "5 (minute hour day month weekday) or a macro such as @daily";
            return false;
        }

        var fields = new CrontabField[6];
        for (var i = 0; i < 6; i++)
        {
            if (!TryParseField(text, Fields[i], tokens[i], out var field, out error))
            {
                return false;
            }

            fields[i] = field;
        }

        var crontab = CrontabSchedule.Parse(string.Join(' ', tokens), new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        var next = crontab.GetNextOccurrence(NeverFiresProbeStart, NeverFiresProbeEnd);
        if (next >= NeverFiresProbeEnd)
        {
            error = $"schedule '{text}' never fires: no date matches its day, month and weekday fields together";
            return false;
        }

        var hours = fields[2];
        expression = new CronExpression(crontab, Enumerable.Range(0, 24).All(hours.Contains));
        error = null;
        return true;
    }

    private static bool TryParseField(string text, FieldSpec spec, string token, [NotNullWhen(true)] out CrontabField? field, [NotNullWhen(false)] out string? error)
    {
        // NCrontab reads a step of 0 as "every value"; a user who wrote it meant something else.
        var zeroStep = token.Split(',').Any(part => part.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0
            && int.TryParse(part.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step == 0);
        field = zeroStep ? null : CrontabField.TryParse(spec.Kind, token);
        if (field is null)
        {
            error = $"schedule '{text}' has a bad {spec.Name} field '{token}': use values from {spec.Range}, "
                + "lists (1,15), ranges (1-5), steps of at least 1 (*/10) or *";
            return false;
        }

        error = null;
        return true;
    }

    private sealed record FieldSpec(CrontabFieldKind Kind, string Name, string Range);
}
