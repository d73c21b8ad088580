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

    /// <summary>The attempt failed; a retryable failure uses the node's retries.</summary>
    public sealed record Failed(string Error, bool Retryable = true) : OperatorResult;

    /// <summary>Call the operator again after a durable timer, with this state.</summary>
    public sealed record Poll(TimeSpan After, JsonNode? State) : OperatorResult;

    /// <summary>Wait durably for a named external event, until the deadline if there is one.</summary>
    public sealed record WaitForEvent(string EventName, DateTimeOffset? Deadline, JsonNode? State) : OperatorResult;

    /// <summary>Wait durably until an instant, then succeed.</summary>
    public sealed record WaitUntil(DateTimeOffset At) : OperatorResult;

    /// <summary>Run another DAG as a child run and wait for it.</summary>
    public sealed record StartChildRun(string DagId, JsonObject Params) : OperatorResult;
}
