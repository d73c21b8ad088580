using System.Text.Json;
using DurableDags.Core.Planning;

namespace DurableDags.Orchestration.Contracts;

/// <summary>Where an attempt stands between the orchestrator's durable waits.</summary>
public enum AttemptPhase
{
    /// <summary>Its next step is due now.</summary>
    Ready,

    /// <summary>A step is running as an activity.</summary>
    Stepping,

    /// <summary>Waits on a timer before the next step (a job or sensor poll).</summary>
    Polling,

    /// <summary>Waits for an external event, maybe until a deadline.</summary>
    AwaitingEvent,

    /// <summary>Waits until an instant, then succeeds.</summary>
    Sleeping,

    /// <summary>Waits for a child run.</summary>
    AwaitingChildRun,
}

/// <summary>
/// One attempt of one node instance as the orchestrator drives it; serializable, so waiting
/// attempts survive ContinueAsNew and are re-armed from here.
/// </summary>
public sealed record AttemptProgress
{
    public required NodeKey Key { get; init; }

    public required int Attempt { get; init; }

    public AttemptPhase Phase { get; init; }

    /// <summary>Steps already run in this attempt; the first step records the attempt's start.</summary>
    public int Steps { get; init; }

    /// <summary>What the operator asked to be given back on its next step.</summary>
    public JsonElement? State { get; init; }

    public string? EventName { get; init; }

    public JsonElement? EventPayload { get; init; }

    public bool EventDeadlinePassed { get; init; }

    /// <summary>When the current wait ends: the poll time, the event deadline, or the instant slept until.</summary>
    public DateTime? WaitUntil { get; init; }

    /// <summary>The attempt fails at this time if it has not ended (the node's <c>timeout</c>).</summary>
    public DateTime? TimeoutAt { get; init; }

    /// <summary>The child run to start or watch, once a <c>dag</c> step asked for it.</summary>
    public DagRunInput? ChildRun { get; init; }
}
