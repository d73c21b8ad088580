using System.Collections.Immutable;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Orchestration.Context;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// One generation of a run: the planner's actions become durable calls, and each call's
/// completion becomes a planner event. Every durable task in flight is in one table with its
/// handler; the loop waits for any of them, so the order of completions is history's order.
/// </summary>
internal sealed partial class DagRunLoop(IDagOrchestrationContext context, DagRunInput input, RunPlanner planner)
{
    private const int MaxRecordFailures = 3;

    private readonly Dictionary<Task, Action> _pending = [];
    private readonly NodeChangeTracker _changes = new(planner, fresh: input.Snapshot is null);
    private readonly HistoryBudget _budget = new(input.HistoryEventBudget);
    private readonly Dictionary<NodeKey, AttemptProgress> _carried = input.Attempts.ToDictionary(a => a.Key);
    private Task? _recording;
    private int _recordFailures;
    private int _callsInFlight;
    private bool _cancelRequested;
    private RunState? _final;

    private DateTime Now => context.CurrentUtcDateTime;

    public async Task<DagRunResult> RunAsync()
    {
        _budget.SpendCall(); // loading the DAG
        var cancel = context.WaitForExternalEvent<System.Text.Json.JsonElement?>(DagActivityNames.CancelEvent, CancellationToken.None);
        _pending.Add(cancel, () => OnCancel());
        ListenForMarks();
        ArmDeadlines();
        _cancelRequested = input.Snapshot?.CancelRequested ?? false;
        if (input.Snapshot is { } rerun && planner.State == RunState.Queued)
        {
            // A rerun's first turn: the trigger rules may decide cleared nodes at once (skipped,
            // upstream_failed) with no action or event that would get them written.
            foreach (var node in rerun.Nodes.Where(n => !n.State.IsFinal()))
            {
                _changes.Dirty(node.Id);
            }
        }

        Handle(planner.State == RunState.Queued ? planner.Start(Now) : planner.Outstanding());
        while (true)
        {
            EndInlineAttempts();

            // Checked after StartRecording: a turn whose changes were all written already starts
            // no batch, and then nothing may be left to wait for.
            StartRecording();
            if (_final is not null && _recording is null && !_changes.HasPending && _cancellingChildren == 0)
            {
                break;
            }

            if (_final is null && _budget.Draining && _callsInFlight == 0 && _recording is null && !_changes.HasPending && !AlertsInFlight)
            {
                context.ContinueAsNew(input with
                {
                    Snapshot = planner.Snapshot(),
                    Attempts = [.. _attempts.Values.Select(a => a.Progress)],
                    Generation = input.Generation + 1,
                });
                return new DagRunResult(input.RunId, RunState.Running, null);
            }

            var done = await Task.WhenAny(_pending.Keys);
            var handler = _pending[done];
            _pending.Remove(done);
            handler();
        }

        var state = _final.Value;
        var failed = FailedNodes();
        var error = state == RunState.Failed && failed.Count > 0 ? $"Nodes that did not succeed: {string.Join(", ", failed)}." : null;
        if (_childCancelError is not null)
        {
            error = error is null ? _childCancelError : $"{error} {_childCancelError}";
        }

        _deadlines.Cancel();
        await context.CallActivityAsync<bool>(DagActivityNames.FinalizeRun, new FinalizeRunInput(input.DagId, input.RunId, state, Now, error));
        await AlertEndAsync(state, error, [.. failed]);
        return new DagRunResult(input.RunId, state, error);
    }

    private void Handle(IReadOnlyList<PlanAction> actions)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case ResolveNode resolve:
                    _changes.Dirty(resolve.NodeId);
                    Resolve(resolve.NodeId);
                    break;
                case StartAttempt start:
                    _changes.Dirty(start.Key.NodeId);
                    BeginAttempt(start.Key, start.Attempt);
                    break;
                case ScheduleRetry retry:
                    _changes.Dirty(retry.Key.NodeId);
                    ScheduleRetry(retry);
                    AlertOn(retry);
                    break;
                case RunCompleted completed:
                    _final = completed.State;
                    break;
            }
        }
    }

    private void Apply(PlanEvent planEvent)
    {
        Handle(planner.Apply(planEvent));
        AlertAfter(planEvent);
    }

    /// <summary>Deferred while draining: the planner's snapshot keeps the node resolving, and the next generation asks again.</summary>
    private void Resolve(string nodeId)
    {
        if (!_budget.TrySpend(_callsInFlight))
        {
            return;
        }

        _callsInFlight++;
        _changes.NoteMayExist(new NodeKey(nodeId));
        var task = context.CallActivityAsync<ResolveNodeResult>(DagActivityNames.ResolveNode,
            new ResolveNodeInput(input.DagId, input.RunId, input.DagHash, nodeId) { Upstreams = UpstreamsOf(nodeId) });
        _pending.Add(task, () =>
        {
            _callsInFlight--;
            _changes.Dirty(nodeId);
            if (task.IsFaulted)
            {
                Apply(new ResolveFailed(nodeId, ErrorOf(task)));
                return;
            }

            var result = task.Result;
            Apply(result switch
            {
                { Error: { } error } => new ResolveFailed(nodeId, error),
                { InstanceRuns: { } runs } => new Expanded(nodeId, runs),
                _ => new Resolved(nodeId, result.Run),
            });
        });
    }

    private void ScheduleRetry(ScheduleRetry retry)
    {
        if (!_budget.TrySpend(_callsInFlight))
        {
            return;
        }

        var timer = context.CreateTimer(retry.DueAt.UtcDateTime, CancellationToken.None);
        _pending.Add(timer, () =>
        {
            _changes.Dirty(retry.Key.NodeId);
            Apply(new RetryDue(retry.Key));
        });
    }

    private void OnCancel()
    {
        _budget.SpendEvent();
        _cancelRequested = true;
        _changes.DirtyAll();
        Apply(new Cancel(Now));
        var children = new List<DagRunInput>();
        foreach (var attempt in _attempts.Values.OrderBy(a => a.Order).ToList())
        {
            if (planner.StateOf(attempt.Progress.Key).IsFinal())
            {
                if (attempt.Progress is { Phase: AttemptPhase.AwaitingChildRun, ChildRun: { } child })
                {
                    children.Add(child);
                }

                Forget(attempt, here: true, output: null);
            }
        }

        CancelChildren(children);
    }

    /// <summary>Writes the turn's node changes, one batch at a time so they land in order.</summary>
    private void StartRecording()
    {
        if (_recording is not null || !_changes.HasPending || (_budget.Draining && _callsInFlight > 0))
        {
            return;
        }

        var changes = _changes.Collect();
        if (changes.Count == 0)
        {
            return;
        }

        _budget.SpendCall();
        var task = context.CallActivityAsync<int>(DagActivityNames.RecordNodeStates, new RecordNodeStatesInput(input.DagId, input.RunId, [.. changes]));
        _recording = task;
        _pending.Add(task, () =>
        {
            _recording = null;
            if (!task.IsFaulted)
            {
                _recordFailures = 0;
                return;
            }

            if (++_recordFailures > MaxRecordFailures)
            {
                throw new InvalidOperationException($"Node states of run '{input.RunId}' could not be recorded: {ErrorOf(task)}");
            }

            _changes.Retry(changes);
        });
    }

    /// <summary>The node's needs without repeats, in the order written (the graph keeps them so), with their states now.</summary>
    private ImmutableArray<UpstreamState> UpstreamsOf(string nodeId)
    {
        var graph = planner.Graph;
        var upstream = graph.Upstream(graph.IndexOf(nodeId));
        var states = ImmutableArray.CreateBuilder<UpstreamState>(upstream.Length);
        foreach (var u in upstream)
        {
            states.Add(new UpstreamState(graph.Node(u).Id, planner.StateOf(u)));
        }

        return states.MoveToImmutable();
    }

    /// <summary>Ids of the nodes that failed or were failed by an upstream, in file order.</summary>
    private List<string> FailedNodes()
    {
        var failed = new List<string>();
        for (var n = 0; n < planner.Graph.Count; n++)
        {
            if (planner.StateOf(n) is NodeState.Failed or NodeState.UpstreamFailed)
            {
                failed.Add(planner.Graph.Node(n).Id);
            }
        }

        return failed;
    }

    private static string ErrorOf(Task task) => task.Exception?.InnerException switch
    {
        OrchestrationTaskFailedException failed => failed.Error,
        { } other => other.Message,
        null => "cancelled",
    };
}
