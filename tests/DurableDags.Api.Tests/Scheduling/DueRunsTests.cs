using DurableDags.Api.Scheduling;
using DurableDags.Core.Scheduling;

namespace DurableDags.Api.Tests.Scheduling;

public class DueRunsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_catchup_every_missed_occurrence_is_due_oldest_first_up_to_the_limit()
    {
        var now = new DateTimeOffset(2026, 11, 5, 7, 0, 0, TimeSpan.Zero);

        var due = DueRuns.At(Daily("0 0 6 * * *", "UTC"), catchup: true, Start, lastScheduled: null, now, limit: 3);

        Assert.Equal([At(1, 6), At(2, 6), At(3, 6)], due);
    }

    [Fact]
    public void With_catchup_the_next_tick_goes_on_after_the_last_scheduled_date()
    {
        var now = new DateTimeOffset(2026, 11, 5, 7, 0, 0, TimeSpan.Zero);

        var due = DueRuns.At(Daily("0 0 6 * * *", "UTC"), catchup: true, Start, lastScheduled: At(3, 6), now, limit: 3);

        Assert.Equal([At(4, 6), At(5, 6)], due);
    }

    [Fact]
    public void Without_catchup_only_the_latest_occurrence_is_due()
    {
        var now = new DateTimeOffset(2026, 11, 5, 7, 0, 0, TimeSpan.Zero);

        var due = DueRuns.At(Daily("0 0 6 * * *", "UTC"), catchup: false, Start, lastScheduled: At(1, 6), now, limit: 3);

        Assert.Equal([At(5, 6)], due);
    }

    [Fact]
    public void Nothing_is_due_again_once_the_latest_occurrence_was_scheduled()
    {
        var now = new DateTimeOffset(2026, 11, 5, 7, 0, 0, TimeSpan.Zero);
        var schedule = Daily("0 0 6 * * *", "UTC");

        Assert.Empty(DueRuns.At(schedule, catchup: false, Start, lastScheduled: At(5, 6), now, limit: 3));
        Assert.Empty(DueRuns.At(schedule, catchup: true, Start, lastScheduled: At(5, 6), now, limit: 3));
    }

    [Fact]
    public void Occurrences_are_read_in_the_dags_time_zone()
    {
        var now = new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

        var due = DueRuns.At(Daily("0 0 6 * * *", "America/Bogota"), catchup: true, Start, lastScheduled: null, now, limit: 10);

        Assert.Equal([At(1, 11), At(2, 11)], due.Select(d => d.ToUniversalTime()));
    }

    [Fact]
    public void Nothing_is_due_before_the_first_allowed_date_or_with_a_zero_limit()
    {
        var schedule = Daily("0 0 6 * * *", "UTC");

        Assert.Empty(DueRuns.At(schedule, catchup: true, notBefore: At(10, 0), lastScheduled: null, now: At(5, 0), limit: 3));
        Assert.Empty(DueRuns.At(schedule, catchup: true, Start, lastScheduled: null, now: At(5, 0), limit: 0));
    }

    private static DateTimeOffset At(int day, int hour) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    private static Schedule Daily(string expression, string zone) =>
        Schedule.TryParse(expression, zone, out var schedule, out var error) ? schedule : throw new InvalidOperationException(error);
}
