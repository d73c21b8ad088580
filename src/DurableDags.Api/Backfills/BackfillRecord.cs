using DurableDags.Core.States;

namespace DurableDags.Api.Backfills;

/// <summary>
/// A backfill as stored: its request, who asked, and each logical date with the run that covers
/// it once started. The scheduler tick moves it on (<see cref="BackfillDriver"/>); a date's
/// <see cref="BackfillDate.State"/> is the run's state when the record was last written.
/// </summary>
public sealed record BackfillRecord
{
    public required string BackfillId { get; init; }

    public required string DagId { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public bool Reverse { get; init; }

    public required int MaxActiveRuns { get; init; }

    public bool RerunFailed { get; init; }

    public bool SkipExisting { get; init; } = true;

    public BackfillState State { get; init; } = BackfillState.Running;

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? CancelledBy { get; init; }

    /// <summary>In the order the runs start: oldest first, or newest first with <see cref="Reverse"/>.</summary>
    public required IReadOnlyList<BackfillDate> Dates { get; init; }
}

/// <summary>One logical date of a backfill; <see cref="RunId"/> is null until its run is started (or an existing one adopted).</summary>
public sealed record BackfillDate(DateTimeOffset LogicalDate, string? RunId = null, RunState? State = null)
{
    public bool IsPending => RunId is null;

    public bool IsActive => RunId is not null && (State is null || !State.Value.IsFinal());
}

public enum BackfillState
{
    Running,
    Completed,
    Cancelled,
}
