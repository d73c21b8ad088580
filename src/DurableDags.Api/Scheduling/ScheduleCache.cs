using System.Collections.Concurrent;
using DurableDags.Core.Definitions;
using DurableDags.Core.Scheduling;

namespace DurableDags.Api.Scheduling;

/// <summary>Parsed schedules by expression and zone; a DAG's schedule was validated when it was stored.</summary>
public sealed class ScheduleCache
{
    private readonly ConcurrentDictionary<(string Expression, string Zone), Schedule> _schedules = new();

    /// <summary>The DAG's schedule, or null for a DAG that only runs when triggered.</summary>
    public Schedule? Of(DagDefinition dag)
    {
        ArgumentNullException.ThrowIfNull(dag);
        if (dag.Schedule is not { } expression)
        {
            return null;
        }

        return _schedules.GetOrAdd((expression, dag.TimeZone), static key =>
            Schedule.TryParse(key.Expression, key.Zone, out var schedule, out var error)
                ? schedule
                : throw new InvalidOperationException($"Schedule '{key.Expression}' in {key.Zone} does not parse: {error}"));
    }

    /// <summary>
    /// When the DAG's next scheduled run is due: an occurrence already due (catchup pending, or
    /// held back by maxActiveRuns) if there is one, else the next one after <paramref name="now"/>.
    /// Null for paused or unscheduled DAGs.
    /// </summary>
    public DateTimeOffset? NextRunAt(DagDefinition dag, bool paused, SchedulerCursor? cursor, DateTimeOffset now)
    {
        if (paused || Of(dag) is not { } schedule)
        {
            return null;
        }

        if (cursor is not null
            && DueRuns.At(schedule, dag.Catchup, dag.Start ?? cursor.NotBefore, cursor.LastLogicalDate, now, limit: 1) is [var due])
        {
            return due.ToUniversalTime();
        }

        var after = dag.Start is { } start && start > now ? start.AddTicks(-1) : now;
        return schedule.NextAfter(after)?.ToUniversalTime();
    }
}
