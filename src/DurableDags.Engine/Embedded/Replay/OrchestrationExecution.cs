using System.Text.Json;
using DurableDags.Engine.Embedded.History;
using DurableDags.Orchestration.Context;

namespace DurableDags.Engine.Embedded.Replay;

/// <summary>
/// One generation of one orchestration instance, rebuilt from its history. History events are
/// applied one at a time; after each, the orchestrator's continuations run to quiescence on its
/// own synchronization context. Actions the code takes are matched against the history's
/// scheduled events in order; a mismatch fails the instance as non-deterministic.
/// </summary>
internal sealed class OrchestrationExecution(
    string instanceId,
    Func<IDagOrchestrationContext, JsonElement?, Task<JsonElement?>> function,
    JsonSerializerOptions json) : IDagOrchestrationContext
{
    private readonly OrchestrationSynchronizationContext _sync = new();
    private readonly Dictionary<int, OpenOperation> _open = [];
    private readonly Queue<OpenOperation> _unconfirmed = new();
    private readonly ExternalEventQueue _events = new();
    private Task<JsonElement?>? _run;
    private int _nextTaskId;
    private bool _continueAsNew;
    private JsonElement? _continueAsNewInput;

    public string InstanceId { get; } = instanceId;

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; private set; }

    public JsonElement? CustomStatus { get; private set; }

    /// <summary>Set once the generation ended; later events are ignored.</summary>
    public OrchestrationOutcome? Outcome { get; private set; }

    /// <summary>Asks for a turn when the orchestrator misbehaves between turns, so the failure is recorded.</summary>
    public Action? WakeUp
    {
        get => _sync.ViolationDetected;
        set => _sync.ViolationDetected = value;
    }

    public bool IsOpen(int taskId) => _open.ContainsKey(taskId);

    /// <summary>The action with this task id, while its completion is outstanding.</summary>
    public ScheduledEvent? FindOpen(int taskId) => _open.TryGetValue(taskId, out var op) ? op.Scheduled : null;

    /// <summary>Actions in history whose completions are outstanding: what a resumed engine must carry out again.</summary>
    public IEnumerable<ScheduledEvent> OpenConfirmed() =>
        _open.Values.Where(o => o.Confirmed).OrderBy(o => o.TaskId).Select(o => o.Scheduled);

    /// <summary>Actions the code took that history does not have yet; they become history now.</summary>
    public List<ScheduledEvent> TakeNewActions()
    {
        var taken = new List<ScheduledEvent>(_unconfirmed.Count);
        while (_unconfirmed.TryDequeue(out var op))
        {
            op.Confirmed = true;
            taken.Add(op.Scheduled);
        }

        return taken;
    }

    public void Apply(HistoryEvent historyEvent, bool replaying)
    {
        if (Outcome is not null)
        {
            return;
        }

        IsReplaying = replaying;
        try
        {
            switch (historyEvent)
            {
                case OrchestratorStarted started:
                    CurrentUtcDateTime = started.Timestamp;
                    return;
                case ScheduledEvent scheduled:
                    Confirm(scheduled);
                    return;
                case ExecutionStarted started:
                    _sync.Run(() => _run = function(this, started.Input));
                    break;
                case CompletionEvent completion:
                    Complete(completion);
                    break;
                case EventRaised raised:
                    RequireAllConfirmed(raised);
                    _sync.Run(() => _events.Deliver(raised));
                    break;
                default:
                    throw new InvalidOperationException($"A finished generation cannot take {historyEvent.GetType().Name}.");
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            Outcome = new OrchestrationOutcome.Failed(ex.Message);
            return;
        }
        catch (Exception ex)
        {
            Outcome = new OrchestrationOutcome.Failed(Describe(ex));
            return;
        }

        CheckFinished();
    }

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input)
    {
        var tcs = new TaskCompletionSource<TResult>();
        Schedule(new TaskScheduled(_nextTaskId++, name, Serialize(input)), tcs, name);
        return tcs.Task;
    }

    public Task<TResult> CallSubOrchestratorAsync<TResult>(string name, string instanceId, object? input)
    {
        var tcs = new TaskCompletionSource<TResult>();
        Schedule(new SubOrchestrationCreated(_nextTaskId++, name, instanceId, Serialize(input)), tcs, name);
        return tcs.Task;
    }

    public Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken)
    {
        RequireOrchestratorThread();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var tcs = new TaskCompletionSource();
        var id = _nextTaskId++;
        var registration = default(CancellationTokenRegistration);
        var op = new OpenOperation(
            new TimerCreated(id, DateTime.SpecifyKind(fireAtUtc, DateTimeKind.Utc)),
            _ =>
            {
                registration.Dispose();
                tcs.TrySetResult();
            },
            error => tcs.TrySetException(new InvalidOperationException(error)));
        _open.Add(id, op);
        _unconfirmed.Enqueue(op);
        registration = cancellationToken.Register(() =>
        {
            _open.Remove(id);
            tcs.TrySetCanceled(cancellationToken);
        });
        return tcs.Task;
    }

    public Task<TEvent> WaitForExternalEvent<TEvent>(string eventName, CancellationToken cancellationToken)
    {
        RequireOrchestratorThread();
        var tcs = new TaskCompletionSource<TEvent>();
        if (_events.TryTake(eventName, out var payload))
        {
            SetResult(tcs, payload, eventName);
            return tcs.Task;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TEvent>(cancellationToken);
        }

        var registration = default(CancellationTokenRegistration);
        var waiter = _events.AddWaiter(eventName, result =>
        {
            registration.Dispose();
            SetResult(tcs, result, eventName);
        });
        registration = cancellationToken.Register(() =>
        {
            ExternalEventQueue.RemoveWaiter(waiter);
            tcs.TrySetCanceled(cancellationToken);
        });
        return tcs.Task;
    }

    public void SetCustomStatus(object? status) => CustomStatus = Serialize(status);

    public void ContinueAsNew(object? newInput)
    {
        _continueAsNew = true;
        _continueAsNewInput = Serialize(newInput);
    }

    private void Schedule<TResult>(ScheduledEvent scheduled, TaskCompletionSource<TResult> tcs, string name)
    {
        RequireOrchestratorThread();
        var op = new OpenOperation(
            scheduled,
            result => SetResult(tcs, result, name),
            error => tcs.TrySetException(new OrchestrationTaskFailedException(name, error)));
        _open.Add(scheduled.TaskId, op);
        _unconfirmed.Enqueue(op);
    }

    private void Confirm(ScheduledEvent recorded)
    {
        if (!_unconfirmed.TryDequeue(out var op))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator in instance '{InstanceId}': history has {recorded.Describe()}, " +
                "but the replayed orchestrator did not schedule anything there.");
        }

        if (!Matches(op.Scheduled, recorded))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator in instance '{InstanceId}': history has {recorded.Describe()}, " +
                $"but the replayed orchestrator scheduled {op.Scheduled.Describe()}.");
        }

        op.Confirmed = true;
    }

    private void Complete(CompletionEvent completion)
    {
        RequireAllConfirmed(completion);
        if (!_open.Remove(completion.TaskId, out var op) || !op.Confirmed || !op.IsEndedBy(completion))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator in instance '{InstanceId}': history has {completion.GetType().Name} " +
                $"for task #{completion.TaskId}, which the replayed orchestrator has not scheduled as such.");
        }

        _sync.Run(() =>
        {
            switch (completion)
            {
                case TaskCompleted c: op.Complete(c.Result); break;
                case SubOrchestrationCompleted c: op.Complete(c.Result); break;
                case TimerFired: op.Complete(null); break;
                case TaskFailed f: op.Fail(f.Error); break;
                case SubOrchestrationFailed f: op.Fail(f.Error); break;
            }
        });
    }

    /// <summary>Every action taken before an input event was recorded before it; anything left is new code.</summary>
    private void RequireAllConfirmed(HistoryEvent next)
    {
        if (_unconfirmed.TryPeek(out var op))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator in instance '{InstanceId}': the replayed orchestrator scheduled " +
                $"{op.Scheduled.Describe()}, where history has {next.GetType().Name}.");
        }
    }

    private static bool Matches(ScheduledEvent taken, ScheduledEvent recorded) => (taken, recorded) switch
    {
        (TaskScheduled a, TaskScheduled b) => a.TaskId == b.TaskId && a.Name == b.Name,
        (TimerCreated a, TimerCreated b) => a.TaskId == b.TaskId,
        (SubOrchestrationCreated a, SubOrchestrationCreated b) =>
            a.TaskId == b.TaskId && a.Name == b.Name && a.InstanceId == b.InstanceId,
        _ => false,
    };

    /// <summary>Ends the generation if the orchestrator broke the rules since its last turn.</summary>
    public void CheckFinished()
    {
        if (Outcome is not null)
        {
            return;
        }

        if (_sync.Violation is { } violation)
        {
            Outcome = new OrchestrationOutcome.Failed(violation);
        }
        else if (_run is { IsCompleted: true } run)
        {
            Outcome = run.Status switch
            {
                TaskStatus.Faulted => new OrchestrationOutcome.Failed(Describe(run.Exception!.InnerException ?? run.Exception)),
                TaskStatus.Canceled => new OrchestrationOutcome.Failed("The orchestrator was cancelled."),
                _ when _continueAsNew => new OrchestrationOutcome.ContinueAsNew(_continueAsNewInput, _events.Unhandled()),
                _ => new OrchestrationOutcome.Completed(run.Result),
            };
        }
    }

    private void SetResult<TResult>(TaskCompletionSource<TResult> tcs, JsonElement? result, string name)
    {
        try
        {
            tcs.TrySetResult(result is { } element ? element.Deserialize<TResult>(json)! : default!);
        }
        catch (JsonException ex)
        {
            tcs.TrySetException(new OrchestrationTaskFailedException(name, $"its result does not read as {typeof(TResult).Name}: {ex.Message}"));
        }
    }

    private JsonElement? Serialize(object? value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, value.GetType(), json);

    private void RequireOrchestratorThread()
    {
        if (!ReferenceEquals(SynchronizationContext.Current, _sync))
        {
            throw new InvalidOperationException(
                $"Orchestration '{InstanceId}' was called outside its own turn; orchestrators may await only tasks from their context.");
        }
    }

    private static string Describe(Exception ex) =>
        ex is OrchestrationTaskFailedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
}
