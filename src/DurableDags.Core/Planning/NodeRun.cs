using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>Mutable state of one node inside <see cref="RunPlanner"/>.</summary>
internal sealed class NodeRun
{
    public NodeRun(bool mapped)
    {
        Mapped = mapped;
        Instances = mapped ? [] : [new InstanceRun()];
    }

    public bool Mapped { get; }

    public NodeState State { get; set; }

    public bool Resolving { get; set; }

    public InstanceRun[] Instances { get; set; }

    /// <summary>Instances of a mapped node not final yet.</summary>
    public int Unfinished { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public UpstreamCounts Upstream { get; set; }

    /// <summary>Its trigger rule has not been decided: nothing about it was started or ended.</summary>
    public bool Undecided => State == NodeState.Pending && !Resolving;

    public static NodeRun From(NodeSnapshot snapshot, bool mapped) => new(mapped)
    {
        State = snapshot.State,
        Resolving = snapshot.Resolving,
        Error = snapshot.Error,
        EndedAt = snapshot.EndedAt,
        Instances = [.. snapshot.Instances.Select(InstanceRun.From)],
        Unfinished = snapshot.Instances.Count(i => !i.State.IsFinal()),
    };

    public NodeSnapshot ToSnapshot(string id) => new()
    {
        Id = id,
        State = State,
        Resolving = Resolving,
        Error = Error,
        EndedAt = EndedAt,
        Instances = [.. Instances.Select((instance, i) => instance.ToSnapshot(Mapped ? i : null))],
    };
}

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
