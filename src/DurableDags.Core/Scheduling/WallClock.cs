namespace DurableDags.Core.Scheduling;

/// <summary>
/// Turns a local wall-clock time of a schedule into the instants it fires at, applying the
/// daylight-saving rules of docs/schedules.md.
/// </summary>
internal static class WallClock
{
    /// <summary>
    /// Up to two instants, earliest first. A time in a spring-forward gap gives the first instant
    /// after the gap (fixed-time schedules) or nothing (every-hour schedules, whose runs follow the
    /// real hours). A time repeated by a fall-back gives its first occurrence, and its second too
    /// for every-hour schedules.
    /// </summary>
    public static (DateTimeOffset? First, DateTimeOffset? Second) Instants(TimeZoneInfo zone, DateTime wall, bool firesEveryHour)
    {
        if (zone.IsInvalidTime(wall))
        {
            return firesEveryHour ? (null, null) : (EndOfGap(zone, wall), null);
        }

        if (zone.IsAmbiguousTime(wall))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(wall);
            var early = new DateTimeOffset(wall, offsets.Max());
            return (early, firesEveryHour ? new DateTimeOffset(wall, offsets.Min()) : null);
        }

        return (new DateTimeOffset(wall, zone.GetUtcOffset(wall)), null);
    }

    /// <summary>The instant the clocks jumped over <paramref name="wall"/>, in the offset after the jump.</summary>
    private static DateTimeOffset EndOfGap(TimeZoneInfo zone, DateTime wall)
    {
        var near = new DateTimeOffset(wall.Ticks - zone.BaseUtcOffset.Ticks, TimeSpan.Zero);
        var before = zone.GetUtcOffset(near.AddDays(-1));
        var after = zone.GetUtcOffset(near.AddDays(1));

        // The jump lies in (wall - after, wall - before]; offsets change on whole seconds.
        var low = new DateTimeOffset(wall.Ticks - after.Ticks, TimeSpan.Zero);
        var high = new DateTimeOffset(wall.Ticks - before.Ticks, TimeSpan.Zero);
        while (high - low > TimeSpan.FromSeconds(1))
        {
            var middle = low.AddSeconds(Math.Floor((high - low).TotalSeconds / 2));
            if (zone.GetUtcOffset(middle) == after)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high.ToOffset(after);
    }
}
