using System.Diagnostics.CodeAnalysis;

namespace DurableDags.Core.Scheduling;

/// <summary>
/// A DAG's schedule: a cron expression read in an IANA time zone. Occurrences are instants;
/// daylight-saving changes never skip or double a run (docs/schedules.md).
/// </summary>
public sealed class Schedule
{
    // Longer than any change of a zone's offset, and shorter than the time between two changes.
    private static readonly TimeSpan OffsetChangeReach = TimeSpan.FromHours(3);

    // Every valid expression fires within 29 years (checked when parsing); look a little further.
    private const int SearchYears = 30;

    private readonly CronExpression _cron;

    private Schedule(string expression, TimeZoneInfo timeZone, CronExpression cron)
    {
        Expression = expression;
        TimeZone = timeZone;
        _cron = cron;
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// Parses <paramref name="expression"/> (6-field NCRONTAB, 5-field cron, or @hourly, @daily,
    /// @weekly, @monthly, @yearly) in the IANA zone <paramref name="timeZone"/>.
    /// </summary>
    public static bool TryParse(
        string expression,
        string timeZone,
        [NotNullWhen(true)] out Schedule? schedule,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(timeZone);
        schedule = null;
        if (!CronExpression.TryParse(expression, out var cron, out error)
            || !ScheduleTimeZone.TryFind(timeZone, out var zone, out error))
        {
            return false;
        }

        schedule = new Schedule(expression, zone, cron);
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="instant"/>, in the schedule's zone offset.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant)
    {
        // A fall-back just ahead replays wall times earlier than the one at the instant; start
        // reading the wall clock from the earliest wall time still to come.
        var earliestOffset = Min(TimeZone.GetUtcOffset(instant), TimeZone.GetUtcOffset(instant + OffsetChangeReach));
        var wall = WholeSeconds(instant.UtcDateTime + earliestOffset);
        var limit = wall.Year <= DateTime.MaxValue.Year - SearchYears ? wall.AddYears(SearchYears) : DateTime.MaxValue;

        DateTimeOffset? best = null;
        var latestOffset = TimeSpan.Zero;
        for (var local = _cron.Crontab.GetNextOccurrence(wall.AddSeconds(-1), limit);
             local < limit;
             local = _cron.Crontab.GetNextOccurrence(local, limit))
        {
            // Later wall times can only give earlier instants inside a repeated hour.
            if (best is { } found && local - latestOffset > found.UtcDateTime)
            {
                break;
            }

            var (first, second) = WallClock.Instants(TimeZone, local, _cron.FiresEveryHour);
            Consider(first);
            Consider(second);
        }

        return best;

        void Consider(DateTimeOffset? candidate)
        {
            if (candidate is { } c && c > instant && (best is null || c < best))
            {
                best = c;
                latestOffset = Max(TimeZone.GetUtcOffset(c), TimeZone.GetUtcOffset(c - OffsetChangeReach));
            }
        }
    }

    /// <summary>Every occurrence in (<paramref name="afterExclusive"/>, <paramref name="untilInclusive"/>], in order.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset afterExclusive, DateTimeOffset untilInclusive)
    {
        for (var next = NextAfter(afterExclusive); next is { } n && n <= untilInclusive; next = NextAfter(n))
        {
            yield return n;
        }
    }

    /// <summary>
    /// The latest occurrence in [<paramref name="notBefore"/>, <paramref name="instant"/>]: the run
    /// that is due now when missed intervals are not caught up. Null when there is none.
    /// </summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset instant, DateTimeOffset notBefore)
    {
        if (notBefore > instant)
        {
            return null;
        }

        // Look back over a window that doubles until it holds an occurrence, so a schedule that
        // fires every second and one that fires yearly both cost a handful of steps.
        for (var window = TimeSpan.FromMinutes(1); ; window += window)
        {
            var start = instant - notBefore <= window ? notBefore : instant - window;
            DateTimeOffset? latest = null;
            for (var next = NextAfter(start.AddTicks(-1)); next is { } n && n <= instant; next = NextAfter(n))
            {
                latest = n;
            }

            if (latest is not null || start == notBefore)
            {
                return latest;
            }
        }
    }

    public override string ToString() => $"{Expression} ({TimeZone.Id})";

    private static DateTime WholeSeconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
