using System.Collections.Immutable;
using DurableDags.Core.Planning;

namespace DurableDags.Orchestration.Contracts;

/// <summary>
/// Input of one generation of the DAG-run orchestrator. The first generation has no snapshot;
/// each ContinueAsNew carries the planner's snapshot and the attempts that were between steps.
/// </summary>
public sealed record DagRunInput
{
    public required string DagId { get; init; }

    public required string RunId { get; init; }

    /// <summary>The content hash of the DAG version the run is pinned to.</summary>
    public required string DagHash { get; init; }

    public int DagVersion { get; init; }

    /// <summary>Null on a fresh run; a queued snapshot (from a rerun) is started, any other continued.</summary>
    public PlannerSnapshot? Snapshot { get; init; }

    /// <summary>Attempts waiting on a timer or an event, or due for their next step, when the last generation ended.</summary>
    public ImmutableArray<AttemptProgress> Attempts { get; init; } = [];

    /// <summary>0 for the first generation.</summary>
    public int Generation { get; init; }

    /// <summary>
    /// The most history events one generation may reach before it continues as new (issue 5:
    /// replay cost stays bounded however large the DAG). See docs/execution.md.
    /// </summary>
    public int HistoryEventBudget { get; init; } = DefaultHistoryEventBudget;

    public const int DefaultHistoryEventBudget = 2000;
}
