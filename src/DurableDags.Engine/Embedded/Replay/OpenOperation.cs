using System.Text.Json;
using DurableDags.Engine.Embedded.History;

namespace DurableDags.Engine.Embedded.Replay;

/// <summary>A durable action the orchestrator took whose completion has not been delivered yet.</summary>
internal sealed class OpenOperation(ScheduledEvent scheduled, Action<JsonElement?> complete, Action<string> fail)
{
    public ScheduledEvent Scheduled { get; } = scheduled;

    public int TaskId => Scheduled.TaskId;

    /// <summary>True once the action is in history, so it must be carried out.</summary>
    public bool Confirmed { get; set; }

    public void Complete(JsonElement? result) => complete(result);

    public void Fail(string error) => fail(error);

    /// <summary>Whether <paramref name="completion"/> is the kind of event that ends this action.</summary>
    public bool IsEndedBy(CompletionEvent completion) => (Scheduled, completion) switch
    {
        (TaskScheduled, TaskCompleted or TaskFailed) => true,
        (TimerCreated, TimerFired) => true,
        (SubOrchestrationCreated, SubOrchestrationCompleted or SubOrchestrationFailed) => true,
        _ => false,
    };
}
