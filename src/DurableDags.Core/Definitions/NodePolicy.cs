namespace DurableDags.Core.Definitions;

/// <summary>
/// Retry and timeout settings of a node: the DAG's <c>defaults</c> with the node's own overrides
/// already applied, so nothing downstream has to merge them again.
/// </summary>
public sealed record NodePolicy
{
    public static NodePolicy Default { get; } = new();

    /// <summary>Extra attempts after the first.</summary>
    public int Retries { get; init; }

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public RetryBackoff Backoff { get; init; } = RetryBackoff.Fixed;

    /// <summary>Cap of an exponential delay; one day unless set, as in Airflow.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Per-attempt limit; null means the operator's own default.</summary>
    public TimeSpan? Timeout { get; init; }

    public int MaxAttempts => Retries + 1;
}
