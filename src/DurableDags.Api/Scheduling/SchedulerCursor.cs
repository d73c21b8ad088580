namespace DurableDags.Api.Scheduling;

/// <summary>
/// How far the scheduler has got with one DAG. <see cref="NotBefore"/> is when the scheduler first
/// saw the DAG unpaused: a DAG without <c>start</c> gets no runs for occurrences before that.
/// </summary>
public sealed record SchedulerCursor(string DagId, DateTimeOffset NotBefore, DateTimeOffset? LastLogicalDate);
