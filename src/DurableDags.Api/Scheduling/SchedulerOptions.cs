namespace DurableDags.Api.Scheduling;

/// <summary>The scheduler's settings, bound from <c>DurableDags:Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "DurableDags:Scheduler";

    /// <summary>At most this many runs of one DAG start in one tick, so a long catchup cannot flood the engine.</summary>
    public int MaxRunsPerTick { get; set; } = 10;

    /// <summary>How often the local server ticks. The Functions app ticks on its timer instead.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
