using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Alerts;

/// <summary>What a <see cref="Deadline"/> counts from.</summary>
public enum DeadlineAnchor
{
    /// <summary>The run's start.</summary>
    Start,

    /// <summary>The run's logical date (its start when it has none).</summary>
    LogicalDate,
}

/// <summary>
/// <c>deadline</c> of a DAG (the run must end) or a node (the node must end) within a duration
/// of the run's start or logical date, Airflow's SLA. Missing it alerts (<c>onDeadlineMissed</c>)
/// once and fails nothing.
/// </summary>
public sealed record Deadline(DeadlineAnchor After, TimeSpan Within)
{
    public SourceLocation Location { get; init; }

    /// <summary>When it is missed, for a run started at <paramref name="start"/>.</summary>
    public DateTimeOffset DueAt(DateTimeOffset start, DateTimeOffset? logicalDate) =>
        (After == DeadlineAnchor.LogicalDate && logicalDate is { } date ? date : start) + Within;

    public string Describe() => $"{Definitions.Duration.Format(Within)} after {(After == DeadlineAnchor.Start ? "start" : "logicalDate")}";
}
