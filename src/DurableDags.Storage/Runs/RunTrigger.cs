namespace DurableDags.Storage.Runs;

/// <summary>Why a run exists: a schedule, an HTTP trigger, a rerun of another run, or a parent's <c>dag</c> node.</summary>
public sealed record RunTrigger
{
    public required TriggerKind Kind { get; init; }

    /// <summary>For a rerun: the run it reruns.</summary>
    public string? RerunOf { get; init; }

    /// <summary>For a rerun: the node it cleared from (with everything downstream), if any.</summary>
    public string? RerunFrom { get; init; }

    /// <summary>For a rerun: whether only failed nodes and their downstream were cleared.</summary>
    public bool FailedOnly { get; init; }

    /// <summary>For a child run: the parent run's DAG, run and node.</summary>
    public string? ParentDagId { get; init; }

    public string? ParentRunId { get; init; }

    public string? ParentNodeId { get; init; }

    /// <summary>For a rerun that marked a node of the run it reruns: the mark.</summary>
    public Nodes.NodeMark? Mark { get; init; }

    /// <summary>For a backfill's run: the backfill that started it.</summary>
    public string? BackfillId { get; init; }

    /// <summary>
    /// For an HTTP trigger: the caller (an API key's name or the signed-in user), the actor of the
    /// run's <c>triggered</c> event. Kept in the run record, so it is on record exactly when the
    /// run is, at no write of its own; runs triggered before it was kept have a <c>triggered</c>
    /// audit entry instead.
    /// </summary>
    public string? Actor { get; init; }
}
