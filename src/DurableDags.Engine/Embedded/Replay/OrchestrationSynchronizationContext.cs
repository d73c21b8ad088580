namespace DurableDags.Engine.Embedded.Replay;

/// <summary>
/// The single thread an orchestrator runs on. Continuations of durable tasks are queued here and
/// run to quiescence after each history event, so the orchestrator sees one event at a time and
/// Task.WhenAny picks the same winner on replay as in the live run.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private int _pumpThread = -1;

    /// <summary>Called once, from the offending thread, when <see cref="Violation"/> is first set.</summary>
    public Action? ViolationDetected { get; set; }

    /// <summary>Set when code posted from another thread: it awaited something that is not durable.</summary>
    public string? Violation { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Environment.CurrentManagedThreadId != Volatile.Read(ref _pumpThread))
        {
            // Awaiting I/O or Task.Run resumes on a pool thread after this turn ended; running
            // it later would make replay depend on timing, so the instance fails instead.
            if (Violation is null)
            {
                Violation = "The orchestrator awaited a task that is not durable (not from its context); " +
                    "it resumed outside its turn, which replay cannot reproduce.";
                ViolationDetected?.Invoke();
            }

            return;
        }

        _queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrators do not block on their own thread.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="action"/> on this context, then every continuation it caused.</summary>
    public void Run(Action action)
    {
        var previous = Current;
        Volatile.Write(ref _pumpThread, Environment.CurrentManagedThreadId);
        SetSynchronizationContext(this);
        try
        {
            action();
            while (_queue.TryDequeue(out var work))
            {
                work.Callback(work.State);
            }
        }
        finally
        {
            Volatile.Write(ref _pumpThread, -1);
            SetSynchronizationContext(previous);
        }
    }
}
