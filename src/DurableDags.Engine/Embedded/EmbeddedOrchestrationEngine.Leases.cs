using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Embedded.Runtime;
using DurableDags.Storage.Objects;
using Microsoft.Extensions.Logging;

namespace DurableDags.Engine.Embedded;

/// <summary>
/// One owner per running instance when several engines share a store (issue 12): an engine drives
/// an instance only while it holds its lease (<see cref="LeaseKeeper"/>), and every
/// <see cref="EmbeddedEngineOptions.LeaseDuration"/> / 3 its heartbeat renews its leases, stops
/// instances whose lease another engine took, claims unfinished instances whose lease expired,
/// and delivers events other engines left in the inboxes of its instances.
/// </summary>
public sealed partial class EmbeddedOrchestrationEngine
{
    private readonly LeaseKeeper? _leases;
    private readonly TimeProvider _leaseClock = TimeProvider.System;
    private readonly TimeSpan _beat;
    private readonly SemaphoreSlim _beating = new(1, 1);
    private ITimer? _heartbeat;
    private Task _lastBeat = Task.CompletedTask;

    /// <summary>
    /// One heartbeat, as the timer runs it: renews this engine's leases, claims and loads every
    /// unfinished instance nobody holds, and hands over events raised elsewhere. Returns the
    /// number of instances it claimed. Nothing to do without leases.
    /// </summary>
    public async Task<int> KeepLeasesAsync(CancellationToken cancellationToken)
    {
        if (_leases is null)
        {
            return 0;
        }

        await _beating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var lost in await _leases.RenewAsync(cancellationToken).ConfigureAwait(false))
            {
                StopLost(lost);
            }

            var claimed = 0;
            await foreach (var id in Store.ListActiveAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!_runners.ContainsKey(id) && await Store.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is { IsFinished: false } record
                    && await ClaimAsync(record, cancellationToken).ConfigureAwait(false))
                {
                    claimed++;
                }
            }

            await DeliverForeignWorkAsync(cancellationToken).ConfigureAwait(false);
            return claimed;
        }
        finally
        {
            _beating.Release();
        }
    }

    /// <summary>
    /// Stops in order: as <see cref="DisposeAsync"/>, then gives up this engine's leases, so another
    /// engine takes its instances over at its next heartbeat instead of after they expire.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync().ConfigureAwait(false);
        foreach (var id in _leases?.Held ?? [])
        {
            try
            {
                await _leases!.ReleaseAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageUnavailableException)
            {
                // The lease expires by itself.
            }
        }
    }

    /// <summary>Loads an instance this engine did not just create if it may drive it: always without leases, else once it holds its lease.</summary>
    private async Task<bool> ClaimAsync(OrchestrationInstanceRecord record, CancellationToken cancellationToken)
    {
        if (_leases is not null && !await _leases.TryAcquireAsync(record.InstanceId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Load(record, createdWith: null);
        return true;
    }

    private void StopLost(string instanceId)
    {
        _runners.TryRemove(instanceId, out _);
        if (_runnerStops.TryRemove(instanceId, out var stop))
        {
            stop.Cancel();
        }

        LogLeaseLost(_logger, instanceId);
    }

    /// <summary>Events raised through another engine wait in the inbox; completions of instances another engine drove are read from their record.</summary>
    private async Task DeliverForeignWorkAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, runner) in _runners)
        {
            foreach (var message in await Store.ReadInboxAsync(id, cancellationToken).ConfigureAwait(false))
            {
                runner.Post(RunnerMessage.External(message));
            }
        }

        foreach (var id in _completions.Keys.Where(id => !_runners.ContainsKey(id)))
        {
            if (await Store.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is { IsFinished: true } record
                && _completions.TryRemove(id, out var completion))
            {
                completion.TrySetResult(record);
            }
        }
    }

    /// <summary>The instance finished: removing its active mark removed its lease, which is no more renewed.</summary>
    private void Forget(string instanceId) => _leases?.Forget(instanceId);

    /// <summary>
    /// Marks a new instance active: without leases an empty mark; with them a mark holding this
    /// engine's lease. False when another engine holds the lease of a mark left there before:
    /// the instance is created all the same, and that engine drives it.
    /// </summary>
    private async Task<bool> MarkNewAsync(IOrchestrationHistoryStore store, string instanceId, CancellationToken cancellationToken)
    {
        if (_leases is null)
        {
            await store.SetActiveAsync(instanceId, active: true, cancellationToken).ConfigureAwait(false);
            return true;
        }

        return await _leases.MarkNewAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    private void StartHeartbeat()
    {
        if (_leases is not null)
        {
            // One-shot, armed again after each beat: a slow beat (storage away) never overlaps the next.
            _heartbeat = _leaseClock.CreateTimer(_ => _lastBeat = BeatAsync(), null, _beat, Timeout.InfiniteTimeSpan);
        }
    }

    private void StopHeartbeat()
    {
        var heartbeat = Interlocked.Exchange(ref _heartbeat, null);
        heartbeat?.Dispose();
    }

    private async Task BeatAsync()
    {
        try
        {
            await KeepLeasesAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Storage away, most likely: leases last several beats, and the next beat tries again.
            LogBeatFailed(_logger, ex);
        }

        if (!_stopping.IsCancellationRequested)
        {
            _heartbeat?.Change(_beat, Timeout.InfiniteTimeSpan);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orchestration instance {InstanceId} stopped here: another engine took over its lease")]
    private static partial void LogLeaseLost(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of the orchestration engine failed; the next one tries again")]
    private static partial void LogBeatFailed(ILogger logger, Exception ex);
}
