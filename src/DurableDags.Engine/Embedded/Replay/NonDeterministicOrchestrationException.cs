namespace DurableDags.Engine.Embedded.Replay;

/// <summary>Replay took a different path than the recorded history: the instance cannot go on safely.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message)
        : base(message + " An orchestrator must make the same durable calls in the same order on every " +
            "replay; was its code or its input changed while this instance was in flight?")
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
