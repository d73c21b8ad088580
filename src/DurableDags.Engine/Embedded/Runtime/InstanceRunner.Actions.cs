using DurableDags.Engine.Embedded.History;

namespace DurableDags.Engine.Embedded.Runtime;

/// <summary>Carrying out a turn's actions: activities to the worker pool, durable timers, child instances.</summary>
internal sealed partial class InstanceRunner
{
    /// <summary>Carries out an action; a child instance is created before the next turn, so a later cancel finds it.</summary>
    private async Task DispatchAsync(ScheduledEvent action, bool firstDelivery)
    {
        var generation = _record.Generation;
        switch (action)
        {
            case TaskScheduled task:
                _engine.Activities.Enqueue(new ActivityWorkItem(this, generation, task, firstDelivery && _created));
                break;
            case TimerCreated timer:
                var due = timer.FireAt - Now;
                if (due <= TimeSpan.Zero)
                {
                    Post(new RunnerMessage(generation, new TimerFired(timer.TaskId)));
                }
                else
                {
                    _timers[timer.TaskId] = _engine.Time.CreateTimer(
                        _ => Post(new RunnerMessage(generation, new TimerFired(timer.TaskId))), null, due, Timeout.InfiniteTimeSpan);
                }

                break;
            case SubOrchestrationCreated child:
                await _engine.StartChildAsync(this, generation, child).ConfigureAwait(false);
                break;
        }
    }

    private void DisposeTimers(Func<int, bool> which)
    {
        foreach (var id in _timers.Keys.Where(which).ToList())
        {
            _timers.Remove(id, out var timer);
            timer!.Dispose();
        }
    }
}
