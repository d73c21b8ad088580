using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// <c>formatDate</c> and <c>addDays</c>. Dates are ISO-8601 strings (<c>2026-01-31</c>,
/// <c>2026-01-31T06:00:00Z</c>, <c>2026-01-31T06:00:00-05:00</c>); a date without an offset is UTC.
/// Results keep the offset the date was written with, and use the invariant culture.
/// </summary>
internal static class DateFunctions
{
    private const string DateOnlyFormat = "yyyy-MM-dd";

    public static JsonNode? FormatDate(in FunctionCall call)
    {
        var date = ParseDate(call, 0, out _);
        var format = call.String(1, "a .NET date format string");
        if (format.Length == 0)
        {
            throw call.Error(1, "formatDate() needs a format such as 'yyyy-MM-dd', not ''");
        }

        try
        {
            return JsonValue.Create(date.ToString(format, CultureInfo.InvariantCulture));
        }
        catch (FormatException)
        {
            throw call.Error(1, $"formatDate() was given '{format}', which is not a valid .NET date format");
        }
    }

    /// <summary>A date alone stays a date alone (<c>2026-02-01</c>); a date and time stays one, in its own offset.</summary>
    public static JsonNode? AddDays(in FunctionCall call)
    {
        var date = ParseDate(call, 0, out var dateOnly);
        var days = call.Number(1, "a number of days");
        if (days != Math.Floor(days))
        {
            throw call.Error(1, "addDays() needs a whole number of days");
        }

        DateTimeOffset result;
        try
        {
            result = date.AddDays(days);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw call.Error(1, "addDays() would give a date outside the years 1 to 9999");
        }

        return JsonValue.Create(dateOnly ? result.ToString(DateOnlyFormat, CultureInfo.InvariantCulture) : ToIso(result));
    }

    /// <summary>ISO-8601 with only the fraction it needs, and <c>Z</c> for UTC.</summary>
    internal static string ToIso(DateTimeOffset value)
    {
        var text = value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return value.Offset == TimeSpan.Zero
            ? text + "Z"
            : text + value.ToString("zzz", CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset ParseDate(in FunctionCall call, int index, out bool dateOnly)
    {
        var text = call.String(index, "an ISO-8601 date string");
        dateOnly = text.Length == DateOnlyFormat.Length;

        // DateTimeOffset.TryParse alone also takes '01/02/2026', whose meaning depends on who reads it.
        if (text.Length >= DateOnlyFormat.Length && text[4] == '-' && text[7] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        throw call.Error(index, $"{call.Name}() needs an ISO-8601 date such as '2026-01-31' or '2026-01-31T06:00:00Z'");
    }
}
