namespace DurableDags.Engine.Embedded.History;

/// <summary>Where an orchestration instance of the embedded engine stands.</summary>
public enum OrchestrationRuntimeStatus
{
    Running,
    Completed,
    Failed,
}
