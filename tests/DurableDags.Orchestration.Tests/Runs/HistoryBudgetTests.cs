using DurableDags.Orchestration.Runs;

namespace DurableDags.Orchestration.Tests.Runs;

public class HistoryBudgetTests
{
    [Fact]
    public void Calls_are_allowed_while_the_calls_in_flight_still_have_room_to_finish()
    {
        var budget = new HistoryBudget(100);

        var allowed = 0;
        while (budget.TrySpend(callsInFlight: allowed))
        {
            allowed++;
        }

        // Call k (0-based, k in flight) needs 3 + 4k spent + 4 (k + 3) + 16 spare <= 100: k <= 8.
        Assert.Equal(9, allowed);
        Assert.True(budget.Draining);
        Assert.True(budget.Spent + (HistoryBudget.PerCall * 2) + 16 <= 100);
    }

    [Fact]
    public void Once_draining_no_call_is_allowed_even_when_nothing_is_in_flight()
    {
        var budget = new HistoryBudget(40);
        Assert.True(budget.TrySpend(callsInFlight: 0));
        Assert.False(budget.TrySpend(callsInFlight: 2));

        Assert.False(budget.TrySpend(callsInFlight: 0));
        budget.SpendCall();
        budget.SpendEvent();
        Assert.Equal(3 + 4 + 4 + 3, budget.Spent);
    }
}
