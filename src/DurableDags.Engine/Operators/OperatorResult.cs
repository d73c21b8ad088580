using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators;

/// <summary>What a step of a node attempt asks for next.</summary>
public abstract record OperatorResult
{
    private OperatorResult()
    {
    }

    /// <summary>The attempt succeeded with this output.</summary>
    public sealed record Succeeded(JsonNode? Output) : OperatorResult;

    /// <summary>The attempt failed; a retryable failure uses the node's retries, another ends the node failed.</summary>
    public sealed record Failed(string Error, bool Retryable = true) : OperatorResult;

    /// <summary>Call the operator again after a durable timer, with this state.</summary>
    public sealed record Poll(TimeSpan After, JsonNode? State) : OperatorResult;

    /// <summary>
    /// Wait durably for a named external event, until the deadline if there is one, then call the
    /// operator again with this state and either the event's payload or
    /// <see cref="OperatorRequest.EventDeadlinePassed"/> set.
    /// </summary>
    public sealed record WaitForEvent(string EventName, DateTimeOffset? Deadline, JsonNode? State) : OperatorResult;

    /// <summary>Wait durably until an instant, then succeed with a null output.</summary>
    public sealed record WaitUntil(DateTimeOffset At) : OperatorResult;

    /// <summary>
    /// Run another DAG as a child run with these params and wait for it: the node succeeds when
    /// the child run succeeds and fails when the child run fails or is cancelled.
    /// </summary>
    public sealed record StartChildRun(string DagId, JsonObject Params) : OperatorResult;
}
