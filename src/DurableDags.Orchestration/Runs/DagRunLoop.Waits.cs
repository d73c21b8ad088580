using System.Text.Json;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>The durable waits of attempts: timers, external events (one listener per name), child runs.</summary>
internal sealed partial class DagRunLoop
{
    /// <summary>One listener per event name, without regard to case: both hosts deliver events so.</summary>
    private readonly Dictionary<string, CancellationTokenSource> _eventWaits = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Instance ids of the child runs whose orchestration this generation started and has not heard end.</summary>
    private readonly HashSet<string> _childRuns = new(StringComparer.Ordinal);

    /// <summary>Of those, the ones asked to cancel: the run ends only after each of them ended.</summary>
    private readonly HashSet<string> _endingChildRuns = new(StringComparer.Ordinal);

    /// <summary>What the end of a cancelled run waits for: cancel requests in flight and the child runs in <see cref="_endingChildRuns"/>.</summary>
    private int _cancellingChildren;
    private string? _childCancelError;

    /// <summary>A timer to the attempt's <see cref="AttemptProgress.WaitUntil"/>; while draining it is left for the next generation.</summary>
    private void WaitTimer(LiveAttempt live, Action then)
    {
        if (live.Progress.WaitUntil is not { } at || !_budget.TrySpend(_callsInFlight))
        {
            return;
        }

        var wait = live.Wait = new CancellationTokenSource();
        var timer = context.CreateTimer(at, wait.Token);
        _pending.Add(timer, () =>
        {
            if (!timer.IsCanceled && IsCurrent(live))
            {
                live.Wait = null;
                then();
            }
        });
    }

    private void AwaitEvent(LiveAttempt live)
    {
        var name = live.Progress.EventName!;
        if (!_eventWaits.ContainsKey(name))
        {
            var stop = new CancellationTokenSource();
            var arrived = context.WaitForExternalEvent<JsonElement?>(name, stop.Token);
            _eventWaits[name] = stop;
            _pending.Add(arrived, () => OnEvent(name, arrived));
        }

        WaitTimer(live, () =>
        {
            live.Progress = live.Progress with { EventDeadlinePassed = true, Phase = AttemptPhase.Ready };
            ReleaseEventWait(name);
            Step(live);
        });
    }

    /// <summary>An event releases every attempt waiting for its name, as the HTTP API promises.</summary>
    private void OnEvent(string name, Task<JsonElement?> arrived)
    {
        if (arrived.IsCanceled)
        {
            return;
        }

        _eventWaits.Remove(name);
        _budget.SpendEvent();
        foreach (var live in _attempts.Values.Where(a => a.Progress is { Phase: AttemptPhase.AwaitingEvent } p && string.Equals(p.EventName, name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.Order).ToList())
        {
            live.Wait?.Cancel();
            live.Wait = null;
            live.Progress = live.Progress with { EventPayload = arrived.Result, Phase = AttemptPhase.Ready };
            Step(live);
        }
    }

    /// <summary>Stops listening for an event nobody waits for any more, so a later one is kept for a later waiter.</summary>
    private void ReleaseEventWait(string name)
    {
        if (!_attempts.Values.Any(a => a.Progress is { Phase: AttemptPhase.AwaitingEvent } p && string.Equals(p.EventName, name, StringComparison.OrdinalIgnoreCase))
            && _eventWaits.Remove(name, out var stop))
        {
            stop.Cancel();
        }
    }

    private void StartChild(LiveAttempt live, DagRunInput child)
    {
        if (!_budget.TrySpend(_callsInFlight))
        {
            return;
        }

        _callsInFlight++;
        var instanceId = DagActivityNames.InstanceIdOf(child.DagId, child.RunId);
        _childRuns.Add(instanceId);
        var task = context.CallSubOrchestratorAsync<DagRunResult>(DagActivityNames.DagRunOrchestrator,
            instanceId, child with { HistoryEventBudget = input.HistoryEventBudget });
        _pending.Add(task, () =>
        {
            _callsInFlight--;
            _childRuns.Remove(instanceId);
            if (_endingChildRuns.Remove(instanceId))
            {
                _cancellingChildren--;
            }

            if (!IsCurrent(live))
            {
                return;
            }

            var key = live.Progress.Key;
            var state = task.IsFaulted ? RunState.Failed : task.Result.State;
            var why = task.IsFaulted ? ErrorOf(task) : task.Result.Error;
            var output = JsonSerializer.SerializeToElement(new ChildRunOutput(child.DagId, child.RunId, WireNames.Of(state)), JsonSerializerOptions.Web);
            if (state == RunState.Succeeded)
            {
                Conclude(live, output);
                return;
            }

            End(live, new AttemptFailed(key, Now, $"child run '{child.RunId}' of DAG '{child.DagId}' ended {WireNames.Of(state)}{(why is null ? "" : $": {why}")}"),
                here: true, output);
        });
    }

    /// <summary>
    /// Child runs end with their cancelled parent. One activity asks each child's orchestration
    /// to cancel (a child that never started is recorded cancelled); the run ends only once it
    /// is back, so the request survives a restart, and only once every child whose orchestration
    /// it started has ended too, so a run recorded cancelled has no child still running. The
    /// child's sub-orchestration call stays pending for that: on both hosts its completion is the
    /// child's end.
    /// </summary>
    private void CancelChildren(List<DagRunInput> children)
    {
        if (children.Count == 0)
        {
            return;
        }

        _budget.SpendCall();
        _callsInFlight++;
        _cancellingChildren++;
        var refs = children.Select(c => new ChildRunRef(c.DagId, c.RunId)).ToList();
        var awaited = refs.Select(r => DagActivityNames.InstanceIdOf(r.DagId, r.RunId))
            .Where(id => _childRuns.Contains(id) && _endingChildRuns.Add(id)).ToList();
        _cancellingChildren += awaited.Count;
        var task = context.CallActivityAsync<int>(DagActivityNames.CancelChildRuns, new CancelChildRunsInput([.. refs]));
        _pending.Add(task, () =>
        {
            _callsInFlight--;
            _cancellingChildren--;
            if (task.IsFaulted)
            {
                _childCancelError = $"Child runs {string.Join(", ", refs.Select(r => $"'{r.DagId}/{r.RunId}'"))} could not be cancelled: {ErrorOf(task)}";

                // Not asked to cancel, a child may wait for ever (an approval): the run ends without it, and says so.
                foreach (var id in awaited.Where(_endingChildRuns.Remove))
                {
                    _cancellingChildren--;
                }
            }
        });
    }
}
