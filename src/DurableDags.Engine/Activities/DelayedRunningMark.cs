using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Outages;

namespace DurableDags.Engine.Activities;

/// <summary>
/// Marks a node running its first attempt only once its operator has taken longer than a delay
/// (<see cref="DefaultDelay"/> unless configured). Most steps end sooner, and their end is then
/// the node's first record, written once with the attempt's start and end: one write per node
/// instead of two. A step that takes longer shows as running after the delay, as the run's view needs.
/// </summary>
internal sealed class DelayedRunningMark
{
    /// <summary>How long an operator may run before its node is marked running, by default.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop;
    private readonly Task _marking;

    public DelayedRunningMark(NodeRecordWriter node, int attempt, DateTimeOffset startedAt, TimeSpan delay, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _marking = MarkAsync(node, attempt, startedAt, delay, cancellationToken);
    }

    /// <summary>Cancels the mark if it is not due yet, else waits until it is written, so the record's writer is free again.</summary>
    /// <remarks>
    /// Cancelled here and now, not with CancelAsync: this is on every node's critical path, and
    /// the delay's cancellation then ends <see cref="MarkAsync"/> on this thread, with no hop to
    /// the thread pool and no exception; awaiting the mark that ended so completes at once.
    /// </remarks>
    public async Task StopAsync()
    {
        _stop.Cancel();
        await _marking.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task MarkAsync(NodeRecordWriter node, int attempt, DateTimeOffset startedAt, TimeSpan delay, CancellationToken cancellationToken)
    {
        // Real time, not the orchestrations' clock: a test that holds that clock still must
        // still see a long step as running. A cancelled delay is not due (the operator ended
        // first), or the step was cancelled: its end, if it has one, records the start too.
        await Task.Delay(delay, TimeProvider.System, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await StorageRetry.UntilAvailableAsync(
                ct => node.UpdateAsync(r => AttemptTransitions.Begin(r, attempt, startedAt), ct), null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The step was cancelled while the mark was written.
        }
    }
}
