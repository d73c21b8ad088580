using System.Text.Json;

namespace DurableDags.Engine.Embedded.History;

/// <summary>
/// What the embedded engine keeps about one orchestration instance besides its history: small,
/// rewritten when the status changes, and what clients read.
/// </summary>
public sealed record OrchestrationInstanceRecord
{
    public required string InstanceId { get; init; }

    /// <summary>The registered orchestrator name.</summary>
    public required string Name { get; init; }

    public OrchestrationRuntimeStatus Status { get; init; } = OrchestrationRuntimeStatus.Running;

    /// <summary>0 at start, one more per ContinueAsNew; history is kept per generation.</summary>
    public int Generation { get; init; }

    public JsonElement? Output { get; init; }

    public string? Error { get; init; }

    public JsonElement? CustomStatus { get; init; }

    /// <summary>Set for sub-orchestrations: where the completion goes.</summary>
    public string? ParentInstanceId { get; init; }

    public int ParentGeneration { get; init; }

    public int ParentTaskId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>The longest history any generation of this instance reached, in events.</summary>
    public int MaxGenerationEvents { get; init; }

    /// <summary>History events of all generations together.</summary>
    public long TotalEvents { get; init; }

    public bool IsFinished => Status is not OrchestrationRuntimeStatus.Running;
}
