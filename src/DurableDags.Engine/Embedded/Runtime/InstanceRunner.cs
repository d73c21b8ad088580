using System.Threading.Channels;
using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Embedded.Replay;

namespace DurableDags.Engine.Embedded.Runtime;

/// <summary>
/// Keeps one loaded orchestration instance moving: replays its stored history once, then takes
/// the messages that arrived (completions, timers, external events) in batches. Each batch is one
/// turn: its events are applied one at a time and written to history together with the actions
/// they caused; activities start as the turn is written (or held back, see
/// <see cref="TurnHistoryWriter"/>), timers and child instances once it is written.
/// </summary>
internal sealed partial class InstanceRunner
{
    private const int MaxBatch = 256;
    private readonly Channel<RunnerMessage> _messages = Channel.CreateUnbounded<RunnerMessage>(new() { SingleReader = true });
    private readonly Dictionary<int, ITimer> _timers = [];
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);
    private readonly EmbeddedOrchestrationEngine _engine;
    private readonly TurnHistoryWriter _history;
    private OrchestrationInstanceRecord _record;
    private OrchestrationExecution _execution = null!;
    private int _eventCount;
    private bool _finished;

    /// <summary>
    /// True when this engine created the instance: no other process or engine drove it, so an
    /// activity a live turn schedules was never run before. An instance resumed from the store may
    /// have run activities whose turns never reached history, so none of its activities is taken
    /// as a first delivery (see <see cref="Activities.ActivityDelivery"/>).
    /// </summary>
    private readonly bool _created;

    /// <summary>The history a new instance was created with, replayed without reading back what its creation just wrote.</summary>
    private IReadOnlyList<HistoryEvent>? _createdWith;

    /// <param name="createdWith">The history this engine has just created the instance with; null for an instance resumed from the store.</param>
    public InstanceRunner(EmbeddedOrchestrationEngine engine, OrchestrationInstanceRecord record, IReadOnlyList<HistoryEvent>? createdWith)
    {
        _engine = engine;
        _created = createdWith is not null;
        _createdWith = createdWith;
        _record = record;
        _history = new TurnHistoryWriter(engine.RunnerStore, record.InstanceId, engine.HistoryWriteDelay, () => Post(RunnerMessage.WriteHistory));
    }

    public string InstanceId => _record.InstanceId;

    private IOrchestrationHistoryStore Store => _engine.RunnerStore;

    private DateTime Now => _engine.Time.GetUtcNow().UtcDateTime;

    public void Post(RunnerMessage message) => _messages.Writer.TryWrite(message);

    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await ResumeAsync(stopping).ConfigureAwait(false);
            while (!_finished)
            {
                await _messages.Reader.WaitToReadAsync(stopping).ConfigureAwait(false);
                var batch = new List<RunnerMessage>();
                while (batch.Count < MaxBatch && _messages.Reader.TryRead(out var message))
                {
                    batch.Add(message);
                }

                await TakeTurnAsync(batch, stopping).ConfigureAwait(false);
            }
        }
        finally
        {
            DisposeTimers(_ => true);
            _history.Dispose();
        }
    }

    /// <summary>Rebuilds the current generation from history and carries out what it left open.</summary>
    private async Task ResumeAsync(CancellationToken ct)
    {
        while (true)
        {
            var history = _createdWith ?? await Store.ReadHistoryAsync(InstanceId, _record.Generation, ct).ConfigureAwait(false);
            _createdWith = null;
            if (history.Count == 0)
            {
                throw new InvalidOperationException($"Instance '{InstanceId}' has no history for generation {_record.Generation}.");
            }

            foreach (var raised in history.OfType<EventRaised>())
            {
                _consumed.Add(raised.MessageId);
            }

            if (history[^1] is ContinuedAsNew continued)
            {
                // A stop came between the generation's last chunk and the start of the next one.
                await BeginGenerationAsync(continued, ct).ConfigureAwait(false);
                continue;
            }

            _execution = new OrchestrationExecution(InstanceId, _engine.Catalog.GetOrchestrator(_record.Name), OrchestrationCatalog.Json)
            {
                WakeUp = () => Post(RunnerMessage.Wake),
            };
            _eventCount = history.Count;
            if (history[^1] is ExecutionCompleted completed)
            {
                await FinishAsync(completed, ct).ConfigureAwait(false);
                return;
            }

            foreach (var historyEvent in history)
            {
                _execution.Apply(historyEvent, replaying: true);
            }

            var actions = _execution.TakeNewActions();
            if (await CommitAsync([.. actions], [], mayWait: false, ct).ConfigureAwait(false))
            {
                return;
            }

            foreach (var open in _execution.OpenConfirmed())
            {
                // A previous process or engine may have run these already.
                await DispatchAsync(open, firstDelivery: false).ConfigureAwait(false);
            }

            foreach (var message in await Store.ReadInboxAsync(InstanceId, ct).ConfigureAwait(false))
            {
                if (_consumed.Contains(message.Id))
                {
                    await Store.DeleteInboxMessageAsync(InstanceId, message.Id, ct).ConfigureAwait(false);
                }
                else
                {
                    Post(RunnerMessage.External(message));
                }
            }

            return;
        }
    }

    private async Task TakeTurnAsync(List<RunnerMessage> batch, CancellationToken ct)
    {
        var writeDue = batch.Contains(RunnerMessage.WriteHistory);
        var events = new List<HistoryEvent>();
        var actions = new List<ScheduledEvent>();
        var leftOver = new List<EventRaised>();
        _execution.CheckFinished();
        foreach (var message in batch)
        {
            if (_execution.Outcome is not null)
            {
                if (message.Event is EventRaised late && !_consumed.Contains(late.MessageId))
                {
                    leftOver.Add(late);
                }

                continue;
            }

            if (Accept(message) is not { } historyEvent)
            {
                continue;
            }

            if (events.Count == 0)
            {
                var started = new OrchestratorStarted(Now);
                events.Add(started);
                _execution.Apply(started, replaying: false);
            }

            events.Add(historyEvent);
            _execution.Apply(historyEvent, replaying: false);
            var taken = _execution.TakeNewActions();
            events.AddRange(taken);
            actions.AddRange(taken);
        }

        if (events.Count == 0 && _execution.Outcome is null)
        {
            if (writeDue)
            {
                _history.WriteInBackground(_record.Generation, ct);
            }

            return;
        }

        // Activities start while the turn's chunk is written, not after: its write is then off
        // every node's critical path. A stop between the two leaves history without the activity,
        // so the restart schedules and runs it again, which is the at-least-once rule an activity
        // running at a stop already has. Timers and child instances still wait for the chunk.
        var early = _execution.Outcome is null ? actions.OfType<TaskScheduled>().Where(a => _execution.IsOpen(a.TaskId)).ToList() : [];
        foreach (var task in early)
        {
            await DispatchAsync(task, firstDelivery: true).ConfigureAwait(false);
        }

        if (await CommitAsync(events, leftOver, mayWait: !writeDue, ct).ConfigureAwait(false))
        {
            return;
        }

        foreach (var action in actions.Where(a => a is not TaskScheduled && _execution.IsOpen(a.TaskId)))
        {
            await DispatchAsync(action, firstDelivery: true).ConfigureAwait(false);
        }

        DisposeTimers(id => !_execution.IsOpen(id));
    }

    /// <summary>The history event a message becomes, or null when it is stale or a duplicate.</summary>
    private HistoryEvent? Accept(RunnerMessage message)
    {
        switch (message.Event)
        {
            case EventRaised raised:
                return _consumed.Add(raised.MessageId) ? raised : null;
            case CompletionEvent completion when message.Generation == _record.Generation && _execution.IsOpen(completion.TaskId):
                if (_timers.Remove(completion.TaskId, out var timer))
                {
                    timer.Dispose();
                }

                return completion;
            default:
                return null;
        }
    }

    /// <summary>
    /// Writes a turn's events, or holds them back with the turns before when
    /// <paramref name="mayWait"/> and they may wait; returns true when the generation ended with them.
    /// </summary>
    private async Task<bool> CommitAsync(List<HistoryEvent> events, List<EventRaised> leftOver, bool mayWait, CancellationToken ct)
    {
        var ending = _execution.Outcome switch
        {
            null => null,
            OrchestrationOutcome.ContinueAsNew next => new ContinuedAsNew(next.Input, [.. next.CarriedEvents, .. leftOver]),
            var outcome => outcome.ToHistoryEvent(),
        };
        if (ending is not null)
        {
            events.Add(ending);
        }

        var statusChanged = ending is null && !Equals(_execution.CustomStatus?.GetRawText(), _record.CustomStatus?.GetRawText());
        if (events.Count > 0)
        {
            _history.Add(_eventCount, events);
            _eventCount += events.Count;
            _record = _record with { TotalEvents = _record.TotalEvents + events.Count };
        }

        if (mayWait && !statusChanged && _history.MayWait(events))
        {
            _history.WriteLater();
            return false;
        }

        await _history.WriteAsync(_record.Generation, ct).ConfigureAwait(false);
        if (statusChanged)
        {
            _record = _record with { CustomStatus = _execution.CustomStatus, UpdatedAt = Now };
            await Store.SaveInstanceAsync(_record, ct).ConfigureAwait(false);
        }

        foreach (var raised in events.OfType<EventRaised>())
        {
            await Store.DeleteInboxMessageAsync(InstanceId, raised.MessageId, ct).ConfigureAwait(false);
        }

        switch (ending)
        {
            case ExecutionCompleted completed:
                await FinishAsync(completed, ct).ConfigureAwait(false);
                return true;
            case ContinuedAsNew continued:
                await BeginGenerationAsync(continued, ct).ConfigureAwait(false);
                await ResumeAsync(ct).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }
}
