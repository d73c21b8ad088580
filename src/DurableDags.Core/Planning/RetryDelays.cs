using DurableDags.Core.Definitions;

namespace DurableDags.Core.Planning;

/// <summary>How long a node waits before its next attempt.</summary>
public static class RetryDelays
{
    /// <summary>
    /// The delay after failed attempt <paramref name="attempt"/> (1-based): <c>retryDelay</c> when
    /// fixed; <c>retryDelay * 2^(attempt-1)</c> capped by <c>maxRetryDelay</c> when exponential.
    /// </summary>
    public static TimeSpan After(NodePolicy policy, int attempt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (policy.Backoff == RetryBackoff.Fixed)
        {
            return policy.RetryDelay;
        }

        var doublings = attempt - 1;
        var cap = policy.MaxRetryDelay;
        if (doublings >= 62 || policy.RetryDelay.Ticks > cap.Ticks >> doublings)
        {
            return cap;
        }

        return TimeSpan.FromTicks(policy.RetryDelay.Ticks << doublings);
    }
}
