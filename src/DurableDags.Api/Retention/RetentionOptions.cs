namespace DurableDags.Api.Retention;

/// <summary>How long ended runs are kept, bound from <c>DurableDags:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "DurableDags:Retention";

    /// <summary>Runs that ended more than this many days ago are deleted by the scheduler tick; 0 keeps every run.</summary>
    public int RunDays { get; set; }

    /// <summary>How often the tick purges at most: a purge reads every run older than the cutoff.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromHours(1);
}
