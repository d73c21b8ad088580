namespace DurableDags.Storage.Registry;

/// <summary>
/// The registry's entry for one DAG: which version is current and whether schedules are paused.
/// Every change to it is a conditional write, so a put and a pause never undo each other.
/// </summary>
public sealed record DagEntry
{
    public required string DagId { get; init; }

    public required DagVersion Current { get; init; }

    /// <summary>The highest version number ever given; above <see cref="Current"/> after a restore.</summary>
    public required int LatestVersion { get; init; }

    /// <summary>Paused DAGs start no scheduled runs; manual triggers still work.</summary>
    public bool Paused { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
