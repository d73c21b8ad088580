using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>A command the planner gives its caller (the orchestrator or the embedded engine).</summary>
public abstract record PlanAction;

/// <summary>
/// Evaluate the node's <c>if</c> (answer <see cref="Resolved"/>) or its <c>foreach</c> list and
/// per-item <c>if</c> (answer <see cref="Expanded"/>); on an expression error answer <see cref="ResolveFailed"/>.
/// </summary>
public sealed record ResolveNode(string NodeId) : PlanAction;

/// <summary>Run attempt <paramref name="Attempt"/> (1-based) of a node instance now.</summary>
public sealed record StartAttempt(NodeKey Key, int Attempt) : PlanAction;

/// <summary>Raise <see cref="RetryDue"/> for the instance at <paramref name="DueAt"/>; the planner has no clock.</summary>
public sealed record ScheduleRetry(NodeKey Key, int NextAttempt, DateTimeOffset DueAt) : PlanAction;

/// <summary>Every node is final; the run ended in <paramref name="State"/>. Given once.</summary>
public sealed record RunCompleted(RunState State) : PlanAction;
