using DurableDags.Api.Backfills;
using DurableDags.Core.Scheduling;

namespace DurableDags.Api.Tests.Backfills;

public class BackfillPlanTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void A_date_alone_is_that_whole_day_in_the_zone_and_a_time_is_taken_as_it_is()
    {
        Assert.Equal(At("2026-03-28T23:00:00Z"), BackfillPlan.Bound("2026-03-29", Berlin, end: false));
        // The change day is 23 hours long: it ends at 22:00Z.
        Assert.Equal(At("2026-03-29T22:00:00Z").AddTicks(-1), BackfillPlan.Bound("2026-03-29", Berlin, end: true));
        Assert.Equal(At("2026-03-29T05:00:00Z"), BackfillPlan.Bound("2026-03-29T07:00:00+02:00", Berlin, end: true));
        Assert.Null(BackfillPlan.Bound("tomorrow", Berlin, end: false));
    }

    [Fact]
    public void Dates_are_the_schedules_occurrences_in_the_range_bounds_included_and_none_past_the_limit()
    {
        var hourly = Parse("0 0 * * * *", "UTC");

        var dates = BackfillPlan.Dates(hourly, At("2026-01-01T00:00:00Z"), At("2026-01-01T03:00:00Z"), reverse: false, max: 4);
        var reversed = BackfillPlan.Dates(hourly, At("2026-01-01T00:00:00Z"), At("2026-01-01T03:00:00Z"), reverse: true, max: 4);
        var tooMany = BackfillPlan.Dates(hourly, At("2026-01-01T00:00:00Z"), At("2026-01-01T04:00:00Z"), reverse: false, max: 4);

        Assert.Equal([0, 1, 2, 3], dates!.Select(d => d.Hour));
        Assert.Equal([3, 2, 1, 0], reversed!.Select(d => d.Hour));
        Assert.Null(tooMany);
    }

    [Fact]
    public void The_same_request_names_the_same_backfill_and_a_flag_that_changes_which_runs_start_names_another()
    {
        var from = At("2026-03-27T00:00:00Z");
        var to = At("2026-03-31T00:00:00Z");

        var id = BackfillPlan.Id(from, to, reverse: false, rerunFailed: false, skipExisting: true);

        Assert.Equal(id, BackfillPlan.Id(from, to, reverse: false, rerunFailed: false, skipExisting: true));
        Assert.StartsWith("20260327T000000Z-20260331T000000Z-", id, StringComparison.Ordinal);
        Assert.NotEqual(id, BackfillPlan.Id(from, to, reverse: false, rerunFailed: true, skipExisting: true));
    }

    private static Schedule Parse(string expression, string zone) =>
        Schedule.TryParse(expression, zone, out var schedule, out var error) ? schedule : throw new InvalidOperationException(error);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
