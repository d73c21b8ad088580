using DurableDags.Core.States;

namespace DurableDags.Api.Backfills;

/// <summary><c>GET /api/dags/{dagId}/backfills/{backfillId}</c>, and the answer to creating or cancelling one.</summary>
public sealed record BackfillView(
    string BackfillId,
    string DagId,
    string State,
    DateTimeOffset From,
    DateTimeOffset To,
    bool Reverse,
    int MaxActiveRuns,
    bool RerunFailed,
    bool SkipExisting,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    string? CancelledBy,
    string StatusUrl,
    BackfillProgressView Progress,
    IReadOnlyList<BackfillDateView> Dates)
{
    public static BackfillView Of(BackfillRecord record, IReadOnlyList<BackfillDate> dates)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(dates);
        return new(
            record.BackfillId, record.DagId, WireNames.Of(record.State), record.From, record.To, record.Reverse, record.MaxActiveRuns,
            record.RerunFailed, record.SkipExisting, record.CreatedBy, record.CreatedAt, record.EndedAt, record.CancelledBy,
            UrlOf(record.DagId, record.BackfillId), BackfillProgressView.Of(dates),
            [.. dates.Select(d => new BackfillDateView(d.LogicalDate, d.RunId, d.State is { } s ? WireNames.Of(s) : "pending"))]);
    }

    public static string UrlOf(string dagId, string backfillId) => $"/api/dags/{dagId}/backfills/{backfillId}";
}

/// <summary>
/// Dates by where their run is: <c>started</c> counts every date with a run, the sum of
/// <c>running</c>, <c>succeeded</c> and <c>failed</c> (which includes cancelled runs).
/// </summary>
public sealed record BackfillProgressView(int Total, int Pending, int Started, int Running, int Succeeded, int Failed)
{
    public static BackfillProgressView Of(IReadOnlyList<BackfillDate> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var succeeded = dates.Count(d => d.State == RunState.Succeeded);
        var failed = dates.Count(d => d.State is RunState.Failed or RunState.Cancelled);
        var pending = dates.Count(d => d.IsPending);
        return new(dates.Count, pending, dates.Count - pending, dates.Count(d => d.IsActive), succeeded, failed);
    }
}

/// <summary>One date; <c>state</c> is its run's, or <c>pending</c> before it has one.</summary>
public sealed record BackfillDateView(DateTimeOffset LogicalDate, string? RunId, string State);

/// <summary>A dry run: the logical dates a backfill of the range would cover, in the order it would start them.</summary>
public sealed record BackfillDryRunView(string DagId, DateTimeOffset From, DateTimeOffset To, int Total, IReadOnlyList<DateTimeOffset> LogicalDates);
