using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Outages;

namespace DurableDags.Engine.Activities;

/// <summary>
/// Marks a node running its first attempt only once its operator has taken longer than
/// <see cref="Delay"/>. Most steps end sooner, and their end is then the node's first record,
/// written once with the attempt's start and end: one write per node instead of two. A step that
/// takes longer shows as running after the delay, as the run's view needs.
/// </summary>
internal sealed class DelayedRunningMark
{
    /// <summary>How long an operator may run before its node is marked running.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop;
    private readonly Task _marking;

    public DelayedRunningMark(NodeRecordWriter node, int attempt, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _marking = MarkAsync(node, attempt, startedAt, cancellationToken);
    }

    /// <summary>Cancels the mark if it is not due yet, else waits until it is written, so the record's writer is free again.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _marking.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task MarkAsync(NodeRecordWriter node, int attempt, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        try
        {
            // Real time, not the orchestrations' clock: a test that holds that clock still must
            // still see a long step as running.
            await Task.Delay(Delay, TimeProvider.System, _stop.Token).ConfigureAwait(false);
            await StorageRetry.UntilAvailableAsync(
                ct => node.UpdateAsync(r => AttemptTransitions.Begin(r, attempt, startedAt), ct), null, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Not due (the operator ended first), or the step was cancelled: its end, if it has
            // one, records the start too.
        }
    }
}
