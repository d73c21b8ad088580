namespace DurableDags.Api.Scheduling;

/// <summary>What one tick did: the runs it started, and the DAGs it could not schedule and why.</summary>
public sealed record SchedulerTickReport(IReadOnlyList<string> Started, IReadOnlyList<string> Errors);
