using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableDags.Api.Views;

/// <summary><c>GET /api/dags/{dagId}/runs</c>: newest first; pass <see cref="Next"/> as <c>before</c> for the next page.</summary>
public sealed record RunListView(IReadOnlyList<RunSummaryView> Runs, string? Next);

/// <summary>Why a run exists; <see cref="BackfillId"/> is written only for a backfill's run.</summary>
public sealed record TriggerView(string Kind, string? RerunOf, string? ParentRunId)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BackfillId { get; init; }
}

/// <summary>A run as lists show it.</summary>
public record RunSummaryView
{
    public required string RunId { get; init; }

    public required string DagId { get; init; }

    public int DagVersion { get; init; }

    public required string State { get; init; }

    public DateTimeOffset? LogicalDate { get; init; }

    public required TriggerView Trigger { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }
}

/// <summary><c>GET /api/dags/{dagId}/runs/{runId}</c>: the summary, the params and every node.</summary>
public sealed record RunDetailView : RunSummaryView
{
    [SetsRequiredMembers]
    public RunDetailView(RunSummaryView summary)
        : base(summary)
    {
    }

    public JsonElement Params { get; init; }

    public string? Error { get; init; }

    public IReadOnlyList<NodeRunView> Nodes { get; init; } = [];

    /// <summary>The run's alerts, one per event and target, oldest first (docs/alerts.md).</summary>
    public IReadOnlyList<AlertView> Alerts { get; init; } = [];
}

/// <summary><c>GET …/runs/{runId}/events</c>: what happened to the run, oldest first.</summary>
public sealed record RunEventListView(IReadOnlyList<RunEventView> Events);

/// <summary>One event of a run; fields that do not apply are null.</summary>
public sealed record RunEventView(
    DateTimeOffset At, string Kind, string? NodeId = null, int? Index = null, int? Attempt = null, string? State = null, string? Actor = null, string? Detail = null);

/// <summary>One alert to one target: <c>sent</c>, or <c>failed</c> with why.</summary>
public sealed record AlertView(
    string Kind, string? NodeId, int? Index, int Attempt, string Target, string State, int Tries, int? Status, string? Error, DateTimeOffset At);

/// <summary>A node of a run; <see cref="Instances"/> only on <c>foreach</c> nodes, <see cref="Index"/> only on an instance.</summary>
public sealed record NodeRunView
{
    public required string NodeId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Index { get; init; }

    /// <summary>Only on an instance: its item as short JSON text (the first 100 characters).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Item { get; init; }

    public required string State { get; init; }

    public int Attempts { get; init; }

    /// <summary>The attempts the node's policy allows: retries + 1.</summary>
    public int MaxAttempts { get; init; }

    /// <summary>Only while <c>up_for_retry</c>: when the next attempt starts.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public long? DurationMs { get; init; }

    public string? Error { get; init; }

    public JsonElement? Output { get; init; }

    public string? OutputUrl { get; init; }

    public IReadOnlyList<AttemptView> AttemptList { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<NodeRunView>? Instances { get; init; }

    /// <summary>Only on a node that waits or waited for an event: what for (an approval's message, approvers, deadline) and the decision.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WaitView? Wait { get; init; }

    /// <summary>Only on a node whose state was marked by hand.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NodeMarkView? Mark { get; init; }
}

/// <summary>
/// <c>wait</c> of a node: the event, <c>message</c>, <c>approvers</c> and <c>deadline</c> as its
/// operator stated them (null when it did not), and <c>decision</c> once the event came.
/// </summary>
public sealed record WaitView(string? Event, string? Message, JsonElement? Approvers, DateTimeOffset? Deadline, DecisionView? Decision);

public sealed record DecisionView(string Event, string By, DateTimeOffset At, bool Approved, string? Reason);

public sealed record NodeMarkView(string State, string? Reason, string By, DateTimeOffset At);

public sealed record AttemptView(int Attempt, string State, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Error);

/// <summary>202 (new) or 200 (existing) for a trigger; 202 for a rerun.</summary>
public sealed record RunStartedView(string RunId, string StatusUrl);

public sealed record CancellingView(string RunId, string State);

public sealed record EventDeliveredView(string RunId, string Event, bool Delivered);
