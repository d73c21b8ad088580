namespace DurableDags.Orchestration.Runs;

/// <summary>
/// An upper bound of the history events one orchestrator generation has caused. A durable call
/// costs at most 3 (scheduled, completed, and the turn it wakes), an external event at most 2.
/// Once a new call would leave too little room for the calls in flight to finish, the budget
/// drains: nothing new starts, and the generation continues as new when the last call is back.
/// </summary>
internal sealed class HistoryBudget(int limit)
{
    public const int PerCall = 3;
    public const int PerEvent = 2;

    // Start events and the final ContinuedAsNew, plus room for a few events nobody waits for.
    private const int Spare = 16;

    private int _spent = 3;

    public bool Draining { get; private set; }

    public int Spent => _spent;

    /// <summary>
    /// Takes room for one call unless that would leave less than the calls in flight (and two
    /// final record writes) need; then drains and says no.
    /// </summary>
    public bool TrySpend(int callsInFlight)
    {
        if (Draining || _spent + (PerCall * (callsInFlight + 3)) + Spare > limit)
        {
            Draining = true;
            return false;
        }

        _spent += PerCall;
        return true;
    }

    /// <summary>Counts a call that must happen even while draining (recording states).</summary>
    public void SpendCall() => _spent += PerCall;

    public void SpendEvent() => _spent += PerEvent;
}
