namespace DurableDags.Orchestration.Runs;

/// <summary>
/// An upper bound of the history events one orchestrator generation has caused, as Durable Task
/// writes them. A durable call (activity, timer, child run) costs at most 4: scheduled, completed,
/// and the OrchestratorStarted/OrchestratorCompleted pair of the episode its completion may wake
/// alone; an external event at most 3 (raised, and its episode's pair). A cancelled timer still
/// fires on Durable Task, so it keeps its cost. The embedded engine writes fewer events per call.
/// Once a new call would leave too little room for the calls in flight to finish, the budget
/// drains: nothing new starts, and the generation continues as new when the last call is back.
/// </summary>
internal sealed class HistoryBudget(int limit)
{
    public const int PerCall = 4;
    public const int PerEvent = 3;

    // The final ContinuedAsNew, plus room for a few events nobody waits for (carried-over events).
    private const int Spare = 16;

    // The first episode: OrchestratorStarted, ExecutionStarted, OrchestratorCompleted.
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
