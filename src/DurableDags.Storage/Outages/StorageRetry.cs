using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Outages;

/// <summary>
/// Repeats a store call while the store is unavailable, with exponential backoff up to
/// <see cref="MaxDelay"/>, until it succeeds or <c>cancellationToken</c> is cancelled. Work that
/// must not be lost (a node's recorded result, the engine's history) waits out an outage of any
/// length this way and carries on within <see cref="MaxDelay"/> of the store coming back. Any
/// other exception passes through at once.
/// </summary>
/// <remarks>
/// The backoff is wall-clock time on purpose: it waits for a real external service, not for
/// anything a test's or an orchestration's clock controls.
/// </remarks>
public static class StorageRetry
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    /// <param name="onUnavailable">Called with each failure and the number of failures so far (1 for the first).</param>
    public static async Task<T> UntilAvailableAsync<T>(
        Func<CancellationToken, Task<T>> call, Action<StorageUnavailableException, int>? onUnavailable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var delay = FirstDelay;
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException e) when (!cancellationToken.IsCancellationRequested)
            {
                onUnavailable?.Invoke(e, failures);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    public static Task UntilAvailableAsync(
        Func<CancellationToken, Task> call, Action<StorageUnavailableException, int>? onUnavailable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return UntilAvailableAsync(async ct =>
        {
            await call(ct).ConfigureAwait(false);
            return true;
        }, onUnavailable, cancellationToken);
    }
}
