using System.Collections.Immutable;
using System.Globalization;
using DurableDags.Core.Alerts;

namespace DurableDags.Orchestration.Contracts;

/// <summary>
/// One event to alert on, as the orchestrator saw it; the activity reads the targets, the run, the
/// log and the params itself, so history carries only this.
/// </summary>
public sealed record SendAlertInput
{
    public required string DagId { get; init; }

    public required string RunId { get; init; }

    public required string DagHash { get; init; }

    public required AlertKind Kind { get; init; }

    /// <summary>The node the event is about; null for the run's own events.</summary>
    public string? NodeId { get; init; }

    public int? MapIndex { get; init; }

    /// <summary>The attempt that failed (node events), or 0.</summary>
    public int Attempt { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? NextRetryAt { get; init; }

    /// <summary>The deadline missed, for <see cref="AlertKind.DeadlineMissed"/>.</summary>
    public DateTimeOffset? DeadlineAt { get; init; }

    /// <summary>The nodes that did not succeed, for a run's failure.</summary>
    public ImmutableArray<string> FailedNodes { get; init; } = [];

    /// <summary>When the orchestrator saw the event.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>
    /// The event's idempotency key: run, node, attempt and kind. The same event scheduled twice
    /// (a replay, a retried activity) is delivered to each target once.
    /// </summary>
    public string Key => string.Create(CultureInfo.InvariantCulture,
        $"{RunId}:{NodeId ?? "-"}{(MapIndex is { } i ? $"[{i}]" : "")}:{Attempt}:{AlertKinds.KeyOf(Kind)}");
}

/// <summary>What became of one event's targets: delivered now or before, and given up on.</summary>
public sealed record SendAlertResult(int Sent, int Failed);
