namespace DurableDags.Engine.Runs;

/// <summary>
/// A request to rerun a finished run: a new run of the same DAG version and params. <see cref="From"/>
/// clears that node and everything downstream; <see cref="FailedOnly"/> clears the failed,
/// upstream_failed and cancelled nodes and their downstream; neither clears every node. Every node
/// not cleared keeps its state and output and is not run again.
/// </summary>
public sealed record RunRerun
{
    public required string DagId { get; init; }

    /// <summary>The finished run to rerun.</summary>
    public required string RunId { get; init; }

    /// <summary>The new run's id.</summary>
    public required string NewRunId { get; init; }

    public string? From { get; init; }

    public bool FailedOnly { get; init; }

    /// <summary>
    /// Instead of clearing: this node keeps the mark's state, and everything downstream of it runs
    /// again (<see cref="Core.Planning.RunPlanner.ForMark"/>); <see cref="From"/> and <see cref="FailedOnly"/> are not used.
    /// </summary>
    public Storage.Nodes.NodeMark? Mark { get; init; }
}
