using DurableDags.Engine.Embedded.History;

namespace DurableDags.Cli.Testing;

/// <summary>
/// Follows every orchestration's history as the engine writes it, to tell when the engine is idle
/// at the current virtual time: no instance just created, no activity open (except requests
/// waiting out a canned delay), no due timer or finished child not yet taken, no event not yet
/// taken. Short real quiet spells alone mistake a slow turn (JIT, a busy machine) for idleness.
/// </summary>
internal sealed class EngineTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private int _delayedRequests;
    private int _awaitedTimerFires;

    public void DelayStarted() => Interlocked.Increment(ref _delayedRequests);

    public void DelayEnded() => Interlocked.Decrement(ref _delayedRequests);

    /// <summary>
    /// The clock fires a timer due at <paramref name="due"/>: when an orchestration's open timer is
    /// due then, its turn is awaited. Timers an orchestrator gave up (a node timeout whose node
    /// ended) stay open in history but are no longer armed, so they never fire and are never awaited.
    /// </summary>
    public void Firing(DateTimeOffset due)
    {
        lock (_gate)
        {
            if (_instances.Values.Any(i => !i.Finished && i.Timers.ContainsValue(due.UtcDateTime)))
            {
                _awaitedTimerFires++;
            }
        }
    }

    public bool IsIdle()
    {
        lock (_gate)
        {
            var live = _instances.Values.Where(i => !i.Finished).ToList();
            return live.All(i => !i.Fresh && i.Inbox.Count == 0
                    && i.Children.Values.All(child => !(_instances.TryGetValue(child, out var c) && c.Finished)))
                && live.Sum(i => i.Activities.Count) <= Volatile.Read(ref _delayedRequests)
                && _awaitedTimerFires == 0;
        }
    }

    public void Appended(string instanceId, int firstIndex, IReadOnlyList<HistoryEvent> events)
    {
        lock (_gate)
        {
            if (firstIndex == 0 || !_instances.TryGetValue(instanceId, out var instance))
            {
                instance = _instances[instanceId] = new Instance();
            }

            instance.Fresh = events.All(e => e is OrchestratorStarted or ExecutionStarted);
            foreach (var e in events)
            {
                Apply(instance, e);
            }
        }
    }

    public void InboxAdded(string instanceId, string messageId)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(instanceId, out var instance) && !instance.Finished)
            {
                instance.Inbox.Add(messageId);
            }
        }
    }

    private void Apply(Instance instance, HistoryEvent e)
    {
        switch (e)
        {
            case TaskScheduled task:
                instance.Activities.Add(task.TaskId);
                break;
            case TimerCreated timer:
                instance.Timers[timer.TaskId] = timer.FireAt;
                break;
            case SubOrchestrationCreated child:
                instance.Children[child.TaskId] = child.InstanceId;
                break;
            case CompletionEvent done:
                if (done is TimerFired && instance.Timers.ContainsKey(done.TaskId) && _awaitedTimerFires > 0)
                {
                    _awaitedTimerFires--;
                }

                instance.Activities.Remove(done.TaskId);
                instance.Timers.Remove(done.TaskId);
                instance.Children.Remove(done.TaskId);
                break;
            case EventRaised raised:
                instance.Inbox.Remove(raised.MessageId);
                break;
            case ExecutionCompleted:
                instance.Finished = true;
                break;
            case ContinuedAsNew:
                instance.Fresh = true;
                break;
        }
    }

    private sealed class Instance
    {
        public HashSet<int> Activities { get; } = [];

        public Dictionary<int, DateTime> Timers { get; } = [];

        public Dictionary<int, string> Children { get; } = [];

        public HashSet<string> Inbox { get; } = new(StringComparer.Ordinal);

        public bool Fresh { get; set; }

        public bool Finished { get; set; }
    }
}
