using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Core.States;

namespace DurableDags.Orchestration.Contracts;

/// <summary>Which DAG version to read, for which run.</summary>
public sealed record LoadDagInput(string DagId, string DagHash)
{
    /// <summary>The run whose record is checked for an end recorded without its orchestration.</summary>
    public string? RunId { get; init; }
}

/// <summary>The stored source of a DAG version; the orchestrator parses it (pure) itself.</summary>
public sealed record LoadedDag(string SourceFile, string Source)
{
    /// <summary>
    /// Set when the run's record says it ended already: it was cancelled before its orchestration
    /// started (on Durable Functions a child run's cancel can overtake the child's start). The
    /// orchestration then ends with that result and runs nothing.
    /// </summary>
    public DagRunResult? Ended { get; init; }

    /// <summary>The run's start and logical date as recorded, which deadlines count from.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? LogicalDate { get; init; }
}

/// <summary>Evaluate the <c>if</c> / <c>foreach</c> of a node against its upstream outputs.</summary>
public sealed record ResolveNodeInput(string DagId, string RunId, string DagHash, string NodeId)
{
    /// <summary>The states of the node's upstreams as the orchestrator knows them (records may lag).</summary>
    public ImmutableArray<UpstreamState> Upstreams { get; init; } = [];
}

/// <summary>Where an upstream node stands, for <c>nodes.ID.status</c>.</summary>
public sealed record UpstreamState(string NodeId, NodeState State);

/// <summary>
/// For a plain node <see cref="Run"/>; for a mapped node one flag per item in <see cref="InstanceRuns"/>;
/// <see cref="Error"/> when an expression failed.
/// </summary>
public sealed record ResolveNodeResult(bool Run, ImmutableArray<bool>? InstanceRuns, string? Error);

/// <summary>One step of one attempt of one node instance.</summary>
public sealed record NodeStepInput
{
    public required string DagId { get; init; }

    public required string RunId { get; init; }

    public required string DagHash { get; init; }

    public required string NodeId { get; init; }

    public int? MapIndex { get; init; }

    public required int Attempt { get; init; }

    /// <summary>1 for the first step of the attempt, which records its start.</summary>
    public required int Step { get; init; }

    public JsonElement? State { get; init; }

    public JsonElement? EventPayload { get; init; }

    public bool EventDeadlinePassed { get; init; }

    /// <summary>The states of the node's upstreams as the orchestrator knows them (records may lag).</summary>
    public ImmutableArray<UpstreamState> Upstreams { get; init; } = [];
}

/// <summary>What an operator step asked for, in a form both hosts serialize alike.</summary>
public enum NodeStepKind
{
    Succeeded,
    Failed,

    /// <summary>The operator decided the node should not run after all (a sensor's soft fail).</summary>
    Skipped,
    Poll,
    WaitForEvent,
    WaitUntil,
    StartChildRun,
}

/// <summary>
/// The outcome of a step. Outputs never travel here: the activity stores them, so history
/// stays small whatever operators return.
/// </summary>
public sealed record NodeStepResult
{
    public required NodeStepKind Kind { get; init; }

    public string? Error { get; init; }

    public bool Retryable { get; init; } = true;

    public TimeSpan? After { get; init; }

    public JsonElement? State { get; init; }

    public string? EventName { get; init; }

    /// <summary>The event deadline for WaitForEvent, or the instant for WaitUntil.</summary>
    public DateTime? At { get; init; }

    /// <summary>The child run the activity created (idempotently) for StartChildRun.</summary>
    public DagRunInput? ChildRun { get; init; }
}

/// <summary>A node or node instance whose state changed in one orchestrator turn.</summary>
public sealed record NodeStateChange
{
    public required string NodeId { get; init; }

    public int? MapIndex { get; init; }

    /// <summary>For a mapped node as a whole, once its list is known.</summary>
    public int? MapCount { get; init; }

    public required NodeState State { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? Error { get; init; }

    /// <summary>Set when the orchestrator itself ended this attempt (timeout, cancel, wait, child run).</summary>
    public int? EndedAttempt { get; init; }

    /// <summary>An output the orchestrator produced (a child run's), stored with the node.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>
    /// Nothing has written this node's record yet, as far as the orchestrator knows: the writer
    /// creates it without reading first (and reads only if it exists after all).
    /// </summary>
    public bool FirstWrite { get; init; }

    /// <summary>Set when the node was marked by hand while it waited: stored as the node's mark.</summary>
    public NodeMarkEvent? Mark { get; init; }
}

/// <summary>The payload of <see cref="DagActivityNames.MarkEvent"/>: a waiting node set to a final state by hand.</summary>
public sealed record NodeMarkEvent(string NodeId, NodeState State, string? Reason, string By, DateTimeOffset At)
{
    /// <summary>The error a node marked failed carries, the same as in a marked ended run.</summary>
    public string? Error() => State == NodeState.Failed ? $"marked failed by {By}" + (Reason is null ? "" : $": {Reason}") : null;
}

public sealed record RecordNodeStatesInput(string DagId, string RunId, ImmutableArray<NodeStateChange> Changes);

/// <summary>The child runs a cancelled run started for its <c>dag</c> nodes, to be cancelled with it.</summary>
public sealed record CancelChildRunsInput(ImmutableArray<ChildRunRef> Children);

/// <summary>One child run, by its DAG and run id (its orchestration instance is <c>{dagId}.{runId}</c>).</summary>
public sealed record ChildRunRef(string DagId, string RunId);

public sealed record FinalizeRunInput(string DagId, string RunId, RunState State, DateTimeOffset EndedAt, string? Error);

/// <summary>The orchestrator's result: how the run ended.</summary>
public sealed record DagRunResult(string RunId, RunState State, string? Error);
