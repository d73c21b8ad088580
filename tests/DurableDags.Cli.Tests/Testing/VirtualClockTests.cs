using DurableDags.Cli.Testing;

namespace DurableDags.Cli.Tests.Testing;

/// <summary>
/// The test clock tells work asleep on it (a Task.Delay: a poke sensor between checks, a canned
/// delayed answer) from the engine's own timers and timeouts: only the first lets the driver take
/// an open activity as idle and move the clock.
/// </summary>
public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_delay_on_the_clock_is_asleep_until_the_clock_reaches_it()
    {
        var clock = new VirtualClock(Start, () => { });
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);

        Assert.Equal(1, clock.Asleep);
        Assert.False(delay.IsCompleted);

        clock.AdvanceTo(Start.AddMinutes(5));
        await delay.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, clock.Asleep);
    }

    [Fact]
    public void Timers_and_timeouts_are_not_asleep()
    {
        var clock = new VirtualClock(Start, () => { });
        using var timer = clock.CreateTimer(_ => { }, state: "timer 7", TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2), clock);

        Assert.Equal(Start.AddMinutes(1), clock.NextDue);
        Assert.Equal(0, clock.Asleep);
    }

    [Fact]
    public void A_cancelled_delay_is_no_longer_asleep()
    {
        var clock = new VirtualClock(Start, () => { });
        using var cancel = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock, cancel.Token);

        cancel.Cancel();

        Assert.True(delay.IsCanceled);
        Assert.Equal(0, clock.Asleep);
    }
}
