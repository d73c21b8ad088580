using DurableDags.Core.States;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Search;

/// <summary>
/// Which runs <c>GET /api/runs</c> lists. Every bound is inclusive; a null one does not filter.
/// The store's index is ordered by creation time, so the created range bounds the reading; the
/// other filters are checked on each run read.
/// </summary>
public sealed record RunFilter
{
    public string? DagId { get; init; }

    public RunState? State { get; init; }

    public TriggerKind? Trigger { get; init; }

    public DateTimeOffset? LogicalFrom { get; init; }

    public DateTimeOffset? LogicalTo { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Text the run id contains, case aside: a search box's, so a part of an id is enough.</summary>
    public string? RunIdContains { get; init; }

    /// <summary>The filters the index cannot apply: a run without a logical date fails a logical range.</summary>
    public bool Matches(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (State is null || run.State == State)
            && (Trigger is null || run.Trigger.Kind == Trigger)
            && (LogicalFrom is null || run.LogicalDate >= LogicalFrom)
            && (LogicalTo is null || run.LogicalDate <= LogicalTo)
            && (CreatedFrom is null || run.CreatedAt >= CreatedFrom)
            && (CreatedTo is null || run.CreatedAt <= CreatedTo)
            && (RunIdContains is null || run.RunId.Contains(RunIdContains, StringComparison.OrdinalIgnoreCase));
    }
}
