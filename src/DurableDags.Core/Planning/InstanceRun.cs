using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>Mutable state of one node instance inside <see cref="RunPlanner"/>.</summary>
internal sealed class InstanceRun
{
    public NodeState State { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public DateTimeOffset? RetryDueAt { get; set; }

    public static InstanceRun From(InstanceSnapshot snapshot) => new()
    {
        State = snapshot.State,
        Attempts = snapshot.Attempts,
        Error = snapshot.Error,
        StartedAt = snapshot.StartedAt,
        EndedAt = snapshot.EndedAt,
        RetryDueAt = snapshot.RetryDueAt,
    };

    public InstanceSnapshot ToSnapshot(int? index) => new()
    {
        Index = index,
        State = State,
        Attempts = Attempts,
        Error = Error,
        StartedAt = StartedAt,
        EndedAt = EndedAt,
        RetryDueAt = RetryDueAt,
    };
}
