using DurableDags.Core.States;

namespace DurableDags.Storage.Runs;

/// <summary>Which runs of a DAG to list, newest first.</summary>
public sealed record RunQuery
{
    public const int MaxLimit = 1000;

    public int Limit { get; init; } = 25;

    /// <summary>Only runs created strictly before this instant.</summary>
    public DateTimeOffset? Before { get; init; }

    public RunState? State { get; init; }

    /// <summary>A previous page's <see cref="RunPage.NextCursor"/>; wins over <see cref="Before"/>.</summary>
    public string? Cursor { get; init; }
}
