using DurableDags.Core.Scheduling;

namespace DurableDags.Core.Tests.Scheduling;

public class ScheduleTests
{
    private static Schedule Parse(string expression, string zone = "UTC")
    {
        Assert.True(Schedule.TryParse(expression, zone, out var schedule, out var error), error);
        return schedule;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Theory]
    [InlineData("0 0 6 * * *", "2026-05-10T06:00:00Z")]
    [InlineData("0 6 * * *", "2026-05-10T06:00:00Z")]
    [InlineData("*/15 * * * * *", "2026-05-10T05:00:15Z")]
    [InlineData("@hourly", "2026-05-10T06:00:00Z")]
    [InlineData("@daily", "2026-05-11T00:00:00Z")]
    [InlineData("@midnight", "2026-05-11T00:00:00Z")]
    [InlineData("@weekly", "2026-05-17T00:00:00Z")]
    [InlineData("@monthly", "2026-06-01T00:00:00Z")]
    [InlineData("@yearly", "2027-01-01T00:00:00Z")]
    [InlineData("@annually", "2027-01-01T00:00:00Z")]
    [InlineData("0 30 9 * * MON-FRI", "2026-05-11T09:30:00Z")]
    [InlineData("0 0 12 * JAN,JUL *", "2026-07-01T12:00:00Z")]
    public void Every_supported_form_gives_its_next_occurrence(string expression, string expected)
    {
        // 2026-05-10 is a Sunday.
        var next = Parse(expression).NextAfter(Utc(2026, 5, 10, 5, 0, 0));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void Next_is_strictly_after_an_instant_that_is_itself_an_occurrence()
    {
        var schedule = Parse("0 0 6 * * *");

        Assert.Equal(Utc(2026, 5, 11, 6), schedule.NextAfter(Utc(2026, 5, 10, 6)));
        Assert.Equal(Utc(2026, 5, 10, 6), schedule.NextAfter(Utc(2026, 5, 10, 5, 59, 59).AddTicks(9_999_999)));
    }

    [Fact]
    public void Occurrences_are_given_in_the_schedule_zone_offset()
    {
        var next = Parse("0 0 6 * * *", "America/Bogota").NextAfter(Utc(2026, 5, 10));

        Assert.Equal(TimeSpan.FromHours(-5), next!.Value.Offset);
        Assert.Equal(Utc(2026, 5, 10, 11), next);
    }

    [Theory]
    [InlineData("2026-12-31T23:59:59Z", "@monthly", "2027-01-01T00:00:00Z")]
    [InlineData("2026-01-31T00:00:00Z", "0 0 0 31 * *", "2026-03-31T00:00:00Z")]
    [InlineData("2026-03-01T00:00:00Z", "0 0 12 29 2 *", "2028-02-29T12:00:00Z")]
    [InlineData("2026-12-31T23:00:00Z", "0 0 * * * *", "2027-01-01T00:00:00Z")]
    [InlineData("2026-05-31T10:00:00Z", "0 0 9 31 * *", "2026-07-31T09:00:00Z")]
    public void Year_and_month_edges_are_crossed_correctly(string after, string expression, string expected)
    {
        var next = Parse(expression).NextAfter(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void A_yearly_schedule_in_a_zone_fires_at_local_new_year()
    {
        var next = Parse("@yearly", "America/Bogota").NextAfter(Utc(2026, 6, 1));

        Assert.Equal(Utc(2027, 1, 1, 5), next);
    }

    [Fact]
    public void Between_excludes_its_start_and_includes_its_end()
    {
        var runs = Parse("0 0 6 * * *").Between(Utc(2026, 5, 10, 6), Utc(2026, 5, 13, 6)).ToList();

        Assert.Equal([Utc(2026, 5, 11, 6), Utc(2026, 5, 12, 6), Utc(2026, 5, 13, 6)], runs);
    }

    [Fact]
    public void Latest_due_occurrence_is_the_last_one_at_or_before_the_instant()
    {
        var schedule = Parse("0 0 6 * * *");

        Assert.Equal(Utc(2026, 5, 10, 6), schedule.LatestAtOrBefore(Utc(2026, 5, 10, 7), Utc(2026, 1, 1)));
        Assert.Equal(Utc(2026, 5, 10, 6), schedule.LatestAtOrBefore(Utc(2026, 5, 10, 6), Utc(2026, 1, 1)));
        Assert.Equal(Utc(2026, 5, 9, 6), schedule.LatestAtOrBefore(Utc(2026, 5, 10, 5, 59, 59), Utc(2026, 1, 1)));
    }

    [Fact]
    public void Latest_due_occurrence_respects_not_before()
    {
        var schedule = Parse("0 0 6 * * *");

        Assert.Equal(Utc(2026, 5, 10, 6), schedule.LatestAtOrBefore(Utc(2026, 5, 10, 7), Utc(2026, 5, 10, 6)));
        Assert.Null(schedule.LatestAtOrBefore(Utc(2026, 5, 10, 7), Utc(2026, 5, 10, 6, 0, 1)));
        Assert.Null(schedule.LatestAtOrBefore(Utc(2026, 5, 10, 7), Utc(2026, 5, 11)));
    }

    [Fact]
    public void Latest_due_occurrence_is_found_far_back_and_at_second_resolution()
    {
        Assert.Equal(Utc(2024, 2, 29, 12), Parse("0 0 12 29 2 *").LatestAtOrBefore(Utc(2027, 6, 1), Utc(2020, 3, 1)));
        Assert.Equal(Utc(2026, 5, 10, 7, 0, 41), Parse("* * * * * *").LatestAtOrBefore(Utc(2026, 5, 10, 7, 0, 41).AddMilliseconds(500), Utc(2000, 1, 1)));
    }

    [Theory]
    [InlineData("61 * * * * *", "bad second field '61'", "0 to 59")]
    [InlineData("0 0 25 * * *", "bad hour field '25'", "0 to 23")]
    [InlineData("0 0 0 32 * *", "bad day field '32'", "1 to 31")]
    [InlineData("0 0 0 1 13 *", "bad month field '13'", "JAN to DEC")]
    [InlineData("0 0 0 * * MON-XYZ", "bad weekday field 'MON-XYZ'", "SUN to SAT")]
    [InlineData("60 * * * *", "bad minute field '60'", "0 to 59")]
    [InlineData("*/0 * * * * *", "bad second field '*/0'", "steps of at least 1")]
    [InlineData("0 0 6 * *  * *", "has 7 fields", "second minute hour day month weekday")]
    [InlineData("daily", "has 1 fields", "@daily")]
    [InlineData("", "has 0 fields", "5 (minute hour day month weekday)")]
    [InlineData("@minutely", "not a known macro", "@hourly, @daily, @weekly, @monthly or @yearly")]
    [InlineData("0 0 0 30 2 *", "never fires", "day, month and weekday")]
    public void Bad_expressions_get_an_error_naming_the_field(string expression, string part, string hint)
    {
        Assert.False(Schedule.TryParse(expression, "UTC", out var schedule, out var error));

        Assert.Null(schedule);
        Assert.Contains($"schedule '{expression}'", error, StringComparison.Ordinal);
        Assert.Contains(part, error, StringComparison.Ordinal);
        Assert.Contains(hint, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/Bogata", "is not a known IANA time zone")]
    [InlineData("", "is not a known IANA time zone")]
    [InlineData("../../etc/passwd", "is not a known IANA time zone")]
    [InlineData("Eastern Standard Time", "is a Windows id; write the IANA id 'America/New_York'")]
    [InlineData("america/new_york", "is spelled 'America/New_York'")]
    public void Unknown_time_zones_get_an_error_saying_what_to_write(string zone, string part)
    {
        Assert.False(Schedule.TryParse("@daily", zone, out _, out var error));

        Assert.Contains($"time zone '{zone}'", error, StringComparison.Ordinal);
        Assert.Contains(part, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parsed_schedule_keeps_the_expression_as_written_and_its_zone()
    {
        var schedule = Parse("@daily", "Europe/Berlin");

        Assert.Equal("@daily", schedule.Expression);
        Assert.Equal("Europe/Berlin", schedule.TimeZone.Id);
    }
}
