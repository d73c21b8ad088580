using DurableDags.Core.Scheduling;

namespace DurableDags.Api.Scheduling;

/// <summary>
/// Which logical dates of one DAG are due at an instant. Pure: the tick supplies the schedule,
/// what has been scheduled so far and the clock. A logical date is an occurrence of the schedule,
/// and its run is due at that instant.
/// </summary>
public static class DueRuns
{
    /// <param name="schedule">The DAG's schedule in its time zone.</param>
    /// <param name="catchup">True: every occurrence since the last scheduled one; false: only the latest.</param>
    /// <param name="notBefore">The first instant a logical date may have: <c>start</c>, or when the DAG was first registered.</param>
    /// <param name="lastScheduled">The logical date of the newest scheduled run so far, if any.</param>
    /// <param name="now">The scheduler's clock.</param>
    /// <param name="limit">At most this many dates, oldest first.</param>
    public static IReadOnlyList<DateTimeOffset> At(
        Schedule schedule,
        bool catchup,
        DateTimeOffset notBefore,
        DateTimeOffset? lastScheduled,
        DateTimeOffset now,
        int limit)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (limit <= 0)
        {
            return [];
        }

        // Occurrences are whole seconds: one second after the last is the first that can be new.
        var from = lastScheduled is { } last && last >= notBefore ? last.AddSeconds(1) : notBefore;
        if (from > now)
        {
            return [];
        }

        if (catchup)
        {
            return [.. schedule.Between(from.AddTicks(-1), now).Take(limit)];
        }

        return schedule.LatestAtOrBefore(now, from) is { } latest ? [latest] : [];
    }
}
