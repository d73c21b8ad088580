using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DurableDags.Core.Scheduling;

namespace DurableDags.Api.Backfills;

/// <summary>
/// Which logical dates a backfill covers, and its id. Pure: the schedule and the range in, the
/// dates out. A date is an occurrence of the DAG's schedule in its time zone, as the scheduler
/// would have started it, so daylight-saving changes neither skip nor double a date.
/// </summary>
public static class BackfillPlan
{
    /// <summary>
    /// Every occurrence in [<paramref name="from"/>, <paramref name="to"/>], oldest first (newest
    /// first with <paramref name="reverse"/>); null when there are more than <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset>? Dates(Schedule schedule, DateTimeOffset from, DateTimeOffset to, bool reverse, int max)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var dates = schedule.Between(from.AddTicks(-1), to).Take(max + 1).Select(d => d.ToUniversalTime()).ToList();
        if (dates.Count > max)
        {
            return null;
        }

        if (reverse)
        {
            dates.Reverse();
        }

        return dates;
    }

    /// <summary>
    /// The instant a bound of the range names: a full ISO-8601 time as it is, or a date alone as
    /// that day in the DAG's zone, its first instant for <c>from</c> and its last for <c>to</c>.
    /// </summary>
    public static DateTimeOffset? Bound(string text, TimeZoneInfo zone, bool end)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var first = StartOf(day, zone);
            return end ? StartOf(day.AddDays(1), zone).AddTicks(-1) : first;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.ToUniversalTime() : null;
    }

    /// <summary>
    /// <c>{from}-{to}-{hash}</c>: the same request names the same backfill, so repeating it
    /// creates nothing new; the hash covers what decides which runs start.
    /// </summary>
    public static string Id(DateTimeOffset from, DateTimeOffset to, bool reverse, bool rerunFailed, bool skipExisting)
    {
        var identity = $"{from.UtcTicks}|{to.UtcTicks}|{reverse}|{rerunFailed}|{skipExisting}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..8];
        return $"{Stamp(from)}-{Stamp(to)}-{hash}";
    }

    private static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    // Midnight may not exist where clocks change at midnight: the day then starts at the gap's end.
    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var wall = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(15);
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }
}
