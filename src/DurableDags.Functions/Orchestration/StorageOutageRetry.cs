using DurableDags.Storage.Objects;
using Microsoft.DurableTask;

namespace DurableDags.Functions.Orchestration;

/// <summary>
/// The retry every activity call of the DAG-run orchestrator carries on Durable Functions. An
/// activity that failed because the DAG store could not be reached says nothing about the node
/// (see <see cref="StorageUnavailableException"/>), so it must not fail the node: it is called
/// again, for as long as the outage lasts, as the embedded engine re-runs such work once storage
/// is back. Any other failure is the orchestrator's to handle, at once.
/// </summary>
/// <remarks>
/// The handler runs inside the orchestration and is replayed with it: it waits on durable timers
/// (no clock, no Task.Delay), so a long outage costs no running function, survives a restart of
/// the host, and every decision is a function of the history alone.
/// </remarks>
public static class StorageOutageRetry
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static TaskOptions Options { get; } = TaskOptions.FromRetryHandler(RetryAsync);

    /// <summary>The wait before the retry that follows failed attempt <paramref name="attempt"/> (1 for the first): doubling, capped.</summary>
    public static TimeSpan DelayAfter(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        return TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << doublings, MaxDelay.Ticks));
    }

    /// <summary>
    /// True when the failure, or one it wraps, is a <see cref="StorageUnavailableException"/>. The
    /// type is matched by name, not with <see cref="TaskFailureDetails.IsCausedBy{T}"/>: that loads
    /// the type from its unqualified name, which misses a type outside the SDK's own assemblies,
    /// and the Functions host may wrap the activity's exception (an outer failure whose message
    /// starts with the inner type's name).
    /// </summary>
    public static bool IsStorageOutage(TaskFailureDetails? failure)
    {
        var name = typeof(StorageUnavailableException).FullName!;
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (string.Equals(f.ErrorType, name, StringComparison.Ordinal)
                || f.ErrorMessage?.Contains(name + ":", StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> RetryAsync(RetryContext retry)
    {
        if (!IsStorageOutage(retry.LastFailure) || retry.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        await retry.OrchestrationContext.CreateTimer(DelayAfter(retry.LastAttemptNumber), retry.CancellationToken);
        return true;
    }
}
