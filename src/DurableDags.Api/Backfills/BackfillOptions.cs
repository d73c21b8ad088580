namespace DurableDags.Api.Backfills;

/// <summary>Backfill limits, bound from <c>DurableDags:Backfill</c>.</summary>
public sealed class BackfillOptions
{
    public const string Section = "DurableDags:Backfill";

    /// <summary>A backfill covers at most this many schedule intervals; a larger range gets 400 naming the limit.</summary>
    public int MaxIntervals { get; set; } = 1000;
}
