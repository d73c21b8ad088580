namespace DurableDags.Core.Definitions;

/// <summary>How the delay grows between attempts.</summary>
public enum RetryBackoff
{
    /// <summary>Every retry waits <c>retryDelay</c>.</summary>
    Fixed,

    /// <summary>The delay doubles per retry, capped by <c>maxRetryDelay</c>.</summary>
    Exponential,
}
