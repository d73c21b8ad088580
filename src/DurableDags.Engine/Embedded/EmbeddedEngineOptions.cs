namespace DurableDags.Engine.Embedded;

/// <summary>Settings of the in-process orchestration engine.</summary>
public sealed class EmbeddedEngineOptions
{
    /// <summary>Activities that run at once across all instances.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;
}
