using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableDags.Engine.Embedded.History;

/// <summary>
/// One entry of an orchestration instance's event-sourced history, as Durable Task records it.
/// Replaying these in order rebuilds the orchestrator's state exactly; the store keeps one
/// generation of them per instance (ContinueAsNew starts a new, empty generation).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OrchestratorStarted), "orchestratorStarted")]
[JsonDerivedType(typeof(ExecutionStarted), "executionStarted")]
[JsonDerivedType(typeof(TaskScheduled), "taskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "taskFailed")]
[JsonDerivedType(typeof(TimerCreated), "timerCreated")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(SubOrchestrationCreated), "subOrchestrationCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompleted), "subOrchestrationCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailed), "subOrchestrationFailed")]
[JsonDerivedType(typeof(EventRaised), "eventRaised")]
[JsonDerivedType(typeof(ExecutionCompleted), "executionCompleted")]
[JsonDerivedType(typeof(ContinuedAsNew), "continuedAsNew")]
public abstract record HistoryEvent;

/// <summary>Starts a turn of the orchestrator; its time is what CurrentUtcDateTime reads until the next turn.</summary>
public sealed record OrchestratorStarted(DateTime Timestamp) : HistoryEvent;

/// <summary>The orchestrator function starts with this input.</summary>
public sealed record ExecutionStarted(string Name, JsonElement? Input) : HistoryEvent;

/// <summary>An action the orchestrator took: it owns a task id that its completion names.</summary>
public abstract record ScheduledEvent(int TaskId) : HistoryEvent
{
    /// <summary>How a person reads this action in a non-determinism error.</summary>
    public abstract string Describe();
}

public sealed record TaskScheduled(int TaskId, string Name, JsonElement? Input) : ScheduledEvent(TaskId)
{
    public override string Describe() => $"activity '{Name}' (task #{TaskId})";
}

public sealed record TimerCreated(int TaskId, DateTime FireAt) : ScheduledEvent(TaskId)
{
    public override string Describe() => $"a timer (task #{TaskId})";
}

public sealed record SubOrchestrationCreated(int TaskId, string Name, string InstanceId, JsonElement? Input) : ScheduledEvent(TaskId)
{
    public override string Describe() => $"sub-orchestration '{Name}' instance '{InstanceId}' (task #{TaskId})";
}

/// <summary>Ends the action with the same task id.</summary>
public abstract record CompletionEvent(int TaskId) : HistoryEvent;

public sealed record TaskCompleted(int TaskId, JsonElement? Result) : CompletionEvent(TaskId);

public sealed record TaskFailed(int TaskId, string Error) : CompletionEvent(TaskId);

public sealed record TimerFired(int TaskId) : CompletionEvent(TaskId);

public sealed record SubOrchestrationCompleted(int TaskId, JsonElement? Result) : CompletionEvent(TaskId);

public sealed record SubOrchestrationFailed(int TaskId, string Error) : CompletionEvent(TaskId);

/// <summary>An external event taken from the inbox; the message id keeps it from being delivered twice.</summary>
public sealed record EventRaised(string MessageId, string Name, JsonElement? Payload) : HistoryEvent;

/// <summary>The last event of a finished instance.</summary>
public sealed record ExecutionCompleted(JsonElement? Result, string? Error) : HistoryEvent;

/// <summary>
/// The last event of a generation: the next one starts with <see cref="Input"/> and gets the
/// external events this one received but never handled.
/// </summary>
public sealed record ContinuedAsNew(JsonElement? Input, ImmutableArray<EventRaised> CarriedEvents) : HistoryEvent;
