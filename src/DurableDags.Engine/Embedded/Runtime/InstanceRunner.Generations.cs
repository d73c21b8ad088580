using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Embedded.Replay;

namespace DurableDags.Engine.Embedded.Runtime;

/// <summary>How a generation of the instance ends: the whole instance, or a new generation by ContinueAsNew.</summary>
internal sealed partial class InstanceRunner
{
    private async Task FinishAsync(ExecutionCompleted completed, CancellationToken ct)
    {
        _record = _record with
        {
            Status = completed.Error is null ? OrchestrationRuntimeStatus.Completed : OrchestrationRuntimeStatus.Failed,
            Output = completed.Result,
            Error = completed.Error,
            CustomStatus = _execution?.CustomStatus ?? _record.CustomStatus,
            MaxGenerationEvents = Math.Max(_record.MaxGenerationEvents, _eventCount),
            UpdatedAt = Now,
        };
        await Store.SaveInstanceAsync(_record, ct).ConfigureAwait(false);
        await Store.SetActiveAsync(InstanceId, active: false, ct).ConfigureAwait(false);
        _finished = true;
        _messages.Writer.TryComplete();
        _engine.OnFinished(_record);
    }

    /// <summary>
    /// Starts the next generation with empty history. Carried events go back to the inbox first,
    /// so each step can be repeated if a stop cuts it short.
    /// </summary>
    private async Task BeginGenerationAsync(ContinuedAsNew continued, CancellationToken ct)
    {
        DisposeTimers(_ => true);
        var next = _record.Generation + 1;
        var carried = continued.CarriedEvents.Select(e => e.MessageId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _consumed.Where(id => !carried.Contains(id)))
        {
            await Store.DeleteInboxMessageAsync(InstanceId, id, ct).ConfigureAwait(false);
        }

        foreach (var raised in continued.CarriedEvents)
        {
            await Store.AddInboxMessageAsync(InstanceId, new InboxMessage(raised.MessageId, raised.Name, raised.Payload), ct).ConfigureAwait(false);
        }

        // Ids handled before stay known, so a copy still queued in memory is not delivered twice.
        _consumed.ExceptWith(carried);
        await Store.DeleteHistoryAsync(InstanceId, next, ct).ConfigureAwait(false);
        await Store.AppendHistoryAsync(InstanceId, next, 0, [new OrchestratorStarted(Now), new ExecutionStarted(_record.Name, continued.Input)], ct).ConfigureAwait(false);
        _record = _record with
        {
            Generation = next,
            MaxGenerationEvents = Math.Max(_record.MaxGenerationEvents, _eventCount),
            TotalEvents = _record.TotalEvents + 2,
            CustomStatus = _execution?.CustomStatus ?? _record.CustomStatus,
            UpdatedAt = Now,
        };
        await Store.SaveInstanceAsync(_record, ct).ConfigureAwait(false);
        await Store.DeleteHistoryAsync(InstanceId, next - 1, ct).ConfigureAwait(false);
    }
}
