namespace DurableDags.Core.Planning;

/// <summary>Host-level limits of the run planner.</summary>
public sealed record PlannerOptions
{
    public static PlannerOptions Default { get; } = new();

    /// <summary>Most items a <c>foreach</c> may give; more fails the node (Airflow's <c>max_map_length</c>).</summary>
    public int MaxMapLength { get; init; } = 1024;
}
