namespace DurableDags.Core.Planning;

/// <summary>Something that happened to a run, reported to the planner by its caller.</summary>
public abstract record PlanEvent;

/// <summary>The <c>if</c> of a plain node was evaluated: false ends it skipped.</summary>
public sealed record Resolved(string NodeId, bool Run) : PlanEvent;

/// <summary>
/// The <c>foreach</c> list of a mapped node was evaluated: one flag per item, false when the
/// item's <c>if</c> skips it. Empty ends the node skipped; longer than the map bound fails it.
/// </summary>
public sealed record Expanded(string NodeId, IReadOnlyList<bool> InstanceRuns) : PlanEvent;

/// <summary>The node's <c>if</c> or <c>foreach</c> failed to evaluate; the node fails without retries.</summary>
public sealed record ResolveFailed(string NodeId, string Error) : PlanEvent;

/// <summary>Optional: an attempt began at <paramref name="At"/> (recorded as the start time), or a waiting attempt resumed.</summary>
public sealed record AttemptStarted(NodeKey Key, DateTimeOffset At) : PlanEvent;

public sealed record AttemptSucceeded(NodeKey Key, DateTimeOffset At) : PlanEvent;

/// <summary>
/// The attempt failed; the node's retry policy decides between a retry and <c>failed</c>. A
/// failure that is not <paramref name="Retryable"/> (a bad request, say) ends the node at once.
/// </summary>
public sealed record AttemptFailed(NodeKey Key, DateTimeOffset At, string Error, bool Retryable = true) : PlanEvent;

/// <summary>The operator decided to skip (a sensor's soft fail, for one).</summary>
public sealed record AttemptSkipped(NodeKey Key, DateTimeOffset At) : PlanEvent;

/// <summary>A running or waiting attempt stopped because it was cancelled.</summary>
public sealed record AttemptCancelled(NodeKey Key, DateTimeOffset At) : PlanEvent;

/// <summary>The attempt sleeps on a durable timer or event (sensor, job poll, wait, approval).</summary>
public sealed record NodeWaiting(NodeKey Key) : PlanEvent;

/// <summary>The time of a <see cref="ScheduleRetry"/> came. Ignored unless the instance still waits for it.</summary>
public sealed record RetryDue(NodeKey Key) : PlanEvent;

/// <summary>Cancel the run: nothing new starts; what is not running ends cancelled.</summary>
public sealed record Cancel(DateTimeOffset? At = null) : PlanEvent;
