using System.Collections.Immutable;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// Alerts go out from an activity the run never waits for: nodes move on while it delivers, and
/// its failure changes no node. The run waits for alerts still in flight only before it continues
/// as new and after its end is recorded, so none is lost and none delays the run's state.
/// </summary>
internal sealed partial class DagRunLoop
{
    /// <summary>An alert activity that failed as a whole (not a target: those it records) is scheduled again, this often at most.</summary>
    private const int MaxAlertCalls = 3;

    private readonly HashSet<Task> _alerts = [];

    private bool AlertsInFlight => _alerts.Count > 0;

    private void AlertAfter(PlanEvent planEvent)
    {
        if (AlertDecisions.After(planEvent, planner, input, Now) is { } alert)
        {
            Alert(alert, 1);
        }
    }

    private void AlertOn(ScheduleRetry retry)
    {
        if (AlertDecisions.Of(retry, planner, input, Now) is { } alert)
        {
            Alert(alert, 1);
        }
    }

    /// <summary>Sends the run's own alerts and waits for every alert still going; called once the run's end is recorded.</summary>
    private async Task AlertEndAsync(RunState state, string? error, ImmutableArray<string> failed)
    {
        foreach (var alert in AlertDecisions.AtEnd(state, error, failed, planner, input, Now))
        {
            Alert(alert, 1);
        }

        while (AlertsInFlight)
        {
            var done = await Task.WhenAny(_alerts);
            var handler = _pending[done];
            _pending.Remove(done);
            handler();
        }
    }

    private void Alert(SendAlertInput alert, int call)
    {
        _budget.SpendCall();
        var task = context.CallActivityAsync<SendAlertResult>(DagActivityNames.SendAlert, alert);
        _alerts.Add(task);
        _pending.Add(task, () =>
        {
            _alerts.Remove(task);
            if (task.IsFaulted && call < MaxAlertCalls)
            {
                Alert(alert, call + 1);
            }
        });
    }
}
