using System.Collections.Concurrent;
using System.Threading.Channels;
using DurableDags.Orchestration.Contracts;
using Microsoft.Extensions.Logging;

namespace DurableDags.Engine.Runs;

/// <summary>
/// Starts the orchestrations of recorded runs in the background, a few at a time, so a trigger is
/// answered once its run record and active marker are written: as a Durable Functions client only
/// enqueues the ExecutionStarted message. Not durable by itself, and need not be: a run left here
/// at a stop or a crash is still marked active without an orchestration, which the next
/// <see cref="EmbeddedRunLauncher.ResumeAsync"/> starts.
/// </summary>
/// <param name="orchestrations">Starts an orchestration at once: the engine's, without this queue.</param>
internal sealed partial class RunStartQueue(IRunOrchestrations orchestrations, int starters, ILogger logger)
{
    /// <summary>Runs waiting beyond this many are started in their caller's request: the queue pushes back instead of growing.</summary>
    public const int Capacity = 1024;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    private readonly Channel<PendingStart> _queue = Channel.CreateUnbounded<PendingStart>();
    private readonly ConcurrentDictionary<string, PendingStart> _pending = new(StringComparer.Ordinal);
    // ConcurrentDictionary.Count takes every lock of the dictionary: counted apart, a trigger's
    // check of the capacity contends with nothing.
    private int _queued;
    private CancellationTokenSource? _stopping;
    private Task _starting = Task.CompletedTask;

    /// <summary>
    /// Queues the start; false when the caller must start it itself (no starters are configured,
    /// or the queue is full). A run queued already is not queued twice.
    /// </summary>
    public bool TryEnqueue(DagRunInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (starters == 0 || Volatile.Read(ref _queued) >= Capacity)
        {
            return false;
        }

        var pending = new PendingStart(input);
        if (_pending.TryAdd(pending.InstanceId, pending))
        {
            Interlocked.Increment(ref _queued);
            _queue.Writer.TryWrite(pending);
        }

        return true;
    }

    /// <summary>
    /// Starts the instance now if its start is still queued, or waits for a start under way, so an
    /// event, a cancel or a wait finds the instance a 202 promised.
    /// </summary>
    /// <param name="inTurn">
    /// Wait for the starters to reach it rather than start it ahead of them (when they run): what
    /// a wait for the run's end does, so many waits do not create their instances all at once.
    /// </param>
    public async Task StartIfQueuedAsync(string instanceId, CancellationToken cancellationToken, bool inTurn = false)
    {
        if (!_pending.TryGetValue(instanceId, out var pending))
        {
            return;
        }

        if ((inTurn && _stopping is { IsCancellationRequested: false }) || !pending.TryClaim())
        {
            await pending.Started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await StartAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Handed back to the starters, which retry it; this caller learns of the failure.
            pending.Unclaim();
            _queue.Writer.TryWrite(pending);
            throw;
        }
    }

    /// <summary>Starts the starters, once the engine runs; they stop when it stops (see <see cref="StopAsync"/>).</summary>
    public void Run(CancellationToken engineStopping)
    {
        if (starters == 0 || _stopping is not null)
        {
            return;
        }

        _stopping = CancellationTokenSource.CreateLinkedTokenSource(engineStopping);
        _starting = Task.WhenAll(Enumerable.Range(0, starters).Select(_ => Task.Run(() => StartQueuedAsync(_stopping.Token), CancellationToken.None)));
    }

    /// <summary>Stops the starters, waiting for starts under way; the runs still queued are left to the next resume.</summary>
    public async Task StopAsync()
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _starting.ConfigureAwait(false);
    }

    private async Task StartQueuedAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var pending in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                if (pending.TryClaim())
                {
                    await StartWithRetriesAsync(pending, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>A failed start (storage away) is tried again until it succeeds or the engine stops: a run answered 202 must start.</summary>
    private async Task StartWithRetriesAsync(PendingStart pending, CancellationToken stopping)
    {
        var wait = FirstRetry;
        for (var failures = 1; ; failures++)
        {
            try
            {
                await StartAsync(pending, stopping).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // The engine stops (a disposed gate or a cancelled write): the next resume starts it.
                return;
            }
            catch (Exception ex)
            {
                LogStartFailed(logger, ex, pending.InstanceId, failures);
            }

            try
            {
                await Task.Delay(wait, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
        }
    }

    private async Task StartAsync(PendingStart pending, CancellationToken cancellationToken)
    {
        await orchestrations.StartAsync(pending.Input, cancellationToken).ConfigureAwait(false);
        if (_pending.TryRemove(KeyValuePair.Create(pending.InstanceId, pending)))
        {
            Interlocked.Decrement(ref _queued);
        }

        pending.Started.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The orchestration of run {InstanceId} did not start (try {Failures}); it is tried again")]
    private static partial void LogStartFailed(ILogger logger, Exception ex, string instanceId, int failures);

    /// <summary>One run's start: claimed by whoever starts it first, a starter or a caller that needs the instance now.</summary>
    private sealed class PendingStart(DagRunInput input)
    {
        private int _claimed;

        public DagRunInput Input { get; } = input;

        public string InstanceId { get; } = DagActivityNames.InstanceIdOf(input.DagId, input.RunId);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

        public void Unclaim() => Volatile.Write(ref _claimed, 0);
    }
}
