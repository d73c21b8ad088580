namespace DurableDags.Orchestration.Context;

/// <summary>
/// An activity or a sub-orchestration the orchestrator awaited failed. Hosts translate their own
/// failure type into this one, so the orchestrator catches one type on every host.
/// </summary>
public sealed class OrchestrationTaskFailedException : Exception
{
    public OrchestrationTaskFailedException()
    {
    }

    public OrchestrationTaskFailedException(string message)
        : base(message)
    {
    }

    public OrchestrationTaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrchestrationTaskFailedException(string taskName, string error)
        : base($"'{taskName}' failed: {error}")
    {
        TaskName = taskName;
        Error = error;
    }

    /// <summary>The activity or orchestrator name.</summary>
    public string TaskName { get; } = "";

    /// <summary>The failure as the task reported it.</summary>
    public string Error { get; } = "";
}
