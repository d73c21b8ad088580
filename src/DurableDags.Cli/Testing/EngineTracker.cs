using DurableDags.Engine.Embedded.History;

namespace DurableDags.Cli.Testing;

/// <summary>
/// Follows every orchestration's history as the engine writes it, to tell when the engine is idle
/// at the current virtual time: no instance just created, no activity open (except those asleep
/// on the test's clock), no fired timer, finished child or event not yet taken. Real
/// quiet spells alone mistake a slow turn (JIT, a busy machine) for idleness.
/// </summary>
internal sealed class EngineTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private long _timerFires;
    private long _timerFiresTaken;

    /// <summary>
    /// The clock is about to fire a timer: an orchestration's durable timer (armed by the engine's
    /// instance runner) is awaited until a turn is written after it. Not its own TimerFired: two
    /// timers due together (a sensor's next check and its node's timeout) make one turn, and the
    /// orchestrator drops the one it no longer waits for without writing anything.
    /// </summary>
    public void Firing(TimerCallback callback)
    {
        if (callback.Method.DeclaringType?.FullName?.Contains(".InstanceRunner", StringComparison.Ordinal) == true)
        {
            lock (_gate)
            {
                _timerFires++;
            }
        }
    }

    /// <param name="asleep">Activities asleep on the test's clock (a poke sensor between checks, a canned delayed answer): open, but waiting for the clock.</param>
    public bool IsIdle(int asleep)
    {
        lock (_gate)
        {
            var live = _instances.Values.Where(i => !i.Finished).ToList();
            return live.All(i => !i.Fresh && i.Inbox.Count == 0
                    && i.Children.Values.All(child => !(_instances.TryGetValue(child, out var c) && c.Finished)))
                && live.Sum(i => i.Activities.Count) <= asleep
                && _timerFiresTaken == _timerFires;
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
            _timerFiresTaken = _timerFires;
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

    private static void Apply(Instance instance, HistoryEvent e)
    {
        switch (e)
        {
            case TaskScheduled task:
                instance.Activities.Add(task.TaskId);
                break;
            case SubOrchestrationCreated child:
                instance.Children[child.TaskId] = child.InstanceId;
                break;
            case CompletionEvent done:

                instance.Activities.Remove(done.TaskId);
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

        public Dictionary<int, string> Children { get; } = [];

        public HashSet<string> Inbox { get; } = new(StringComparer.Ordinal);

        public bool Fresh { get; set; }

        public bool Finished { get; set; }
    }
}
