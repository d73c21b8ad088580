using DurableDags.Core.Scheduling;

namespace DurableDags.Core.Tests.Scheduling;

/// <summary>Runs around real 2026 transitions. Expected instants are written in UTC, worked out by hand.</summary>
public class ScheduleDaylightSavingTests
{
    private static Schedule Parse(string expression, string zone)
    {
        Assert.True(Schedule.TryParse(expression, zone, out var schedule, out var error), error);
        return schedule;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Fact]
    public void A_fixed_time_in_the_spring_gap_runs_once_when_the_gap_ends()
    {
        // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00Z; 02:30 does not exist.
        var runs = Parse("0 30 2 * * *", "America/New_York").Between(Utc(2026, 3, 7), Utc(2026, 3, 10)).ToList();

        Assert.Equal([Utc(2026, 3, 7, 7, 30), Utc(2026, 3, 8, 7, 0), Utc(2026, 3, 9, 6, 30)], runs);
        Assert.Equal(TimeSpan.FromHours(-4), runs[1].Offset);
    }

    [Fact]
    public void A_fixed_time_in_the_repeated_hour_runs_once_at_its_first_occurrence()
    {
        // New York, 2026-11-01: 02:00 EDT becomes 01:00 EST at 06:00Z; 01:30 happens twice.
        var runs = Parse("0 30 1 * * *", "America/New_York").Between(Utc(2026, 10, 31, 12), Utc(2026, 11, 2, 12)).ToList();

        Assert.Equal([Utc(2026, 11, 1, 5, 30), Utc(2026, 11, 2, 6, 30)], runs);
    }

    [Fact]
    public void An_hourly_schedule_fires_on_every_real_hour_when_clocks_go_back()
    {
        var runs = Parse("@hourly", "America/New_York").Between(Utc(2026, 11, 1, 3), Utc(2026, 11, 1, 9)).ToList();

        Assert.Equal([.. Enumerable.Range(4, 6).Select(h => Utc(2026, 11, 1, h))], runs);
    }

    [Fact]
    public void An_hourly_schedule_fires_on_every_real_hour_when_clocks_go_forward()
    {
        var runs = Parse("0 0 * * * *", "America/New_York").Between(Utc(2026, 3, 8, 5), Utc(2026, 3, 8, 9)).ToList();

        Assert.Equal([Utc(2026, 3, 8, 6), Utc(2026, 3, 8, 7), Utc(2026, 3, 8, 8), Utc(2026, 3, 8, 9)], runs);
    }

    [Fact]
    public void A_quarter_hourly_schedule_runs_in_both_passes_of_the_repeated_hour()
    {
        // Four real hours from 00:00 EDT to 03:00 EST hold sixteen quarter hours.
        var runs = Parse("*/15 * * * *", "America/New_York").Between(Utc(2026, 11, 1, 4).AddTicks(-1), Utc(2026, 11, 1, 7, 45)).ToList();

        Assert.Equal([.. Enumerable.Range(0, 16).Select(i => Utc(2026, 11, 1, 4).AddMinutes(15 * i))], runs);
    }

    [Fact]
    public void Next_from_inside_the_repeated_hour_finds_the_second_pass()
    {
        var schedule = Parse("*/15 * * * *", "America/New_York");

        // 01:50 EDT: the next quarter hour is 01:00 EST, an earlier wall time.
        Assert.Equal(Utc(2026, 11, 1, 6), schedule.NextAfter(Utc(2026, 11, 1, 5, 50)));
        Assert.Equal(Utc(2026, 11, 1, 6, 15), schedule.NextAfter(Utc(2026, 11, 1, 6, 10)));
    }

    [Fact]
    public void Berlin_transitions_follow_the_same_rules()
    {
        // 2026-03-29 02:00 CET becomes 03:00 CEST at 01:00Z; 2026-10-25 03:00 CEST becomes 02:00 CET at 01:00Z.
        var schedule = Parse("0 30 2 * * *", "Europe/Berlin");

        Assert.Equal(Utc(2026, 3, 29, 1, 0), schedule.NextAfter(Utc(2026, 3, 28, 12)));
        Assert.Equal(Utc(2026, 3, 30, 0, 30), schedule.NextAfter(Utc(2026, 3, 29, 12)));
        Assert.Equal([Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 1, 30)], schedule.Between(Utc(2026, 10, 24, 12), Utc(2026, 10, 26, 12)));
    }

    [Fact]
    public void Lord_Howe_half_hour_shifts_follow_the_same_rules()
    {
        // 2026-04-05 02:00 (+11) becomes 01:30 (+10:30) at 15:00Z on 04-04;
        // 2026-10-04 02:00 (+10:30) becomes 02:30 (+11) at 15:30Z on 10-03.
        var schedule = Parse("0 45 1 * * *", "Australia/Lord_Howe");
        Assert.Equal([Utc(2026, 4, 4, 14, 45), Utc(2026, 4, 5, 15, 15)], schedule.Between(Utc(2026, 4, 4), Utc(2026, 4, 5, 23)));

        Assert.Equal(Utc(2026, 10, 3, 15, 30), Parse("0 15 2 * * *", "Australia/Lord_Howe").NextAfter(Utc(2026, 10, 3)));

        var everyTenMinutes = Parse("0 */10 * * * *", "Australia/Lord_Howe").Between(Utc(2026, 4, 4, 14), Utc(2026, 4, 4, 16)).ToList();
        Assert.Equal([.. Enumerable.Range(1, 12).Select(i => Utc(2026, 4, 4, 14).AddMinutes(10 * i))], everyTenMinutes);
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("America/Bogota")]
    [InlineData("UTC")]
    public void A_daily_fixed_time_runs_exactly_once_on_every_local_day_of_a_year(string zone)
    {
        foreach (var expression in new[] { "0 30 2 * * *", "0 0 1 * * *", "0 45 1 * * *" })
        {
            var schedule = Parse(expression, zone);
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, schedule.TimeZone.GetUtcOffset(new DateTime(2026, 1, 1)));
            var runs = schedule.Between(start, start.AddYears(1)).ToList();

            var days = runs.Select(r => TimeZoneInfo.ConvertTime(r, schedule.TimeZone).Date).ToList();
            Assert.Equal(365, runs.Count);
            Assert.Equal(365, days.Distinct().Count());
            Assert.True(runs.Zip(runs.Skip(1)).All(p => p.First < p.Second), $"{expression} in {zone} is not strictly increasing");
        }
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Bogota")]
    public void An_hourly_schedule_runs_once_per_real_hour_over_a_year(string zone)
    {
        var runs = Parse("@hourly", zone).Between(Utc(2026, 1, 1), Utc(2027, 1, 1)).ToList();

        Assert.Equal(365 * 24, runs.Count);
        Assert.All(runs, r => Assert.Equal(0, r.UtcDateTime.Minute));
        Assert.Equal(runs.Count, runs.Select(r => r.UtcDateTime).Distinct().Count());
    }

    [Fact]
    public void Bogota_has_no_daylight_saving_so_a_daily_run_keeps_its_utc_time()
    {
        var runs = Parse("0 0 6 * * *", "America/Bogota").Between(Utc(2026, 1, 1), Utc(2027, 1, 1)).ToList();

        Assert.Equal(365, runs.Count);
        Assert.All(runs, r => Assert.Equal(11, r.UtcDateTime.Hour));
    }
}
