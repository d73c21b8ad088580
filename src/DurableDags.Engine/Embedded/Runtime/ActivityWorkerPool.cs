using System.Threading.Channels;
using DurableDags.Engine.Embedded.History;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Outages;
using Microsoft.Extensions.Logging;

namespace DurableDags.Engine.Embedded.Runtime;

/// <summary>
/// Runs activities on a fixed number of workers. A result goes back to its instance as a
/// message; nothing is written here, so an activity cut off by a stop simply runs again after
/// the restart (at-least-once). An activity that fails because the store cannot be reached runs
/// again once it can (the same at-least-once rule): a storage outage is never an activity's
/// failure, so it never becomes a node's.
/// </summary>
internal sealed partial class ActivityWorkerPool
{
    private readonly Channel<ActivityWorkItem> _queue = Channel.CreateUnbounded<ActivityWorkItem>();
    private readonly OrchestrationCatalog _catalog;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private readonly Task[] _workers;

    public ActivityWorkerPool(int concurrency, OrchestrationCatalog catalog, ILogger logger, CancellationToken stopping)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _catalog = catalog;
        _logger = logger;
        _stopping = stopping;
        _workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync, CancellationToken.None))];
    }

    public void Enqueue(ActivityWorkItem item) => _queue.Writer.TryWrite(item);

    /// <summary>Completes when every worker has stopped.</summary>
    public Task Completion => Task.WhenAll(_workers);

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(_stopping).ConfigureAwait(false))
            {
                var completion = await RunAsync(item).ConfigureAwait(false);
                if (completion is not null)
                {
                    item.Runner.Post(new RunnerMessage(item.Generation, completion));
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<CompletionEvent?> RunAsync(ActivityWorkItem item)
    {
        var scheduled = item.Scheduled;
        try
        {
            var activity = _catalog.GetActivity(scheduled.Name);
            var first = item.FirstDelivery;
            var result = await StorageRetry.UntilAvailableAsync(
                ct =>
                {
                    Activities.ActivityDelivery.IsFirst = first;
                    first = false;
                    return activity(scheduled.Input, ct);
                },
                (e, failures) => Waiting(e, failures, item),
                _stopping).ConfigureAwait(false);
            return new TaskCompleted(scheduled.TaskId, result);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            LogActivityFailed(_logger, ex, scheduled.Name, item.Runner.InstanceId);
            return new TaskFailed(scheduled.TaskId, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private void Waiting(StorageUnavailableException e, int failures, ActivityWorkItem item)
    {
        if (failures == 1 || failures % 30 == 0)
        {
            LogWaiting(_logger, item.Scheduled.Name, item.Runner.InstanceId, failures, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Name} of instance {InstanceId} waits for storage and runs again (try {Failures}): {Reason}")]
    private static partial void LogWaiting(ILogger logger, string name, string instanceId, int failures, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Name} of instance {InstanceId} failed")]
    private static partial void LogActivityFailed(ILogger logger, Exception ex, string name, string instanceId);
}

/// <summary>
/// One activity call of one generation of an instance; <paramref name="FirstDelivery"/> when a live
/// turn scheduled it, so no earlier process or engine can have run it (see <see cref="Activities.ActivityDelivery"/>).
/// </summary>
internal sealed record ActivityWorkItem(InstanceRunner Runner, int Generation, TaskScheduled Scheduled, bool FirstDelivery = false);
