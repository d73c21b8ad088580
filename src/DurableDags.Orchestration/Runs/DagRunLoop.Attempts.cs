using System.Text.Json;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// How one attempt moves: a step runs as an activity; its result asks for a durable wait (a
/// timer, an event raced with its deadline, a child run) or ends the attempt. The node's timeout
/// is one more timer raced with all of that.
/// </summary>
internal sealed partial class DagRunLoop
{
    private const string NoopType = "noop";

    private readonly Dictionary<NodeKey, LiveAttempt> _attempts = [];
    private readonly Queue<LiveAttempt> _inline = new();
    private int _nextOrder;

    private void BeginAttempt(NodeKey key, int attempt)
    {
        if (_carried.Remove(key, out var carried) && carried.Attempt == attempt)
        {
            Resume(Track(carried));
            return;
        }

        var node = planner.Graph.Node(planner.Graph.IndexOf(key.NodeId));
        var live = Track(new AttemptProgress { Key = key, Attempt = attempt, TimeoutAt = Now + node.Policy.Timeout });
        Apply(new AttemptStarted(key, Now));
        if (node.Type == NoopType)
        {
            // A noop does nothing, so no activity runs it (Airflow's scheduler treats EmptyOperator
            // alike): it succeeds in this turn, and its record is one write of the turn's batch.
            // Queued, not ended here, so a long line of noops is handled in a loop, not a recursion.
            _inline.Enqueue(live);
            return;
        }

        ArmTimeout(live);
        Step(live);
    }

    /// <summary>Ends the attempts of noop nodes started in this turn, and those their ends started.</summary>
    private void EndInlineAttempts()
    {
        while (_inline.TryDequeue(out var live))
        {
            if (IsCurrent(live))
            {
                End(live, new AttemptSucceeded(live.Progress.Key, Now), here: true);
            }
        }
    }

    /// <summary>Re-arms an attempt the last generation left waiting or due.</summary>
    private void Resume(LiveAttempt live)
    {
        ArmTimeout(live);
        switch (live.Progress.Phase)
        {
            case AttemptPhase.Polling:
                WaitTimer(live, () => Step(live));
                break;
            case AttemptPhase.AwaitingEvent:
                AwaitEvent(live);
                break;
            case AttemptPhase.Sleeping:
                WaitTimer(live, () => Conclude(live, null));
                break;
            case AttemptPhase.AwaitingChildRun:
                StartChild(live, live.Progress.ChildRun!);
                break;
            default:
                Step(live);
                break;
        }
    }

    private void Step(LiveAttempt live)
    {
        var key = live.Progress.Key;
        if (_cancelRequested && live.Progress.Steps == 0)
        {
            End(live, new AttemptCancelled(key, Now), here: true);
            return;
        }

        if (!_budget.TrySpend(_callsInFlight))
        {
            live.Progress = live.Progress with { Phase = AttemptPhase.Ready };
            return;
        }

        var p = live.Progress = live.Progress with { Phase = AttemptPhase.Stepping, Steps = live.Progress.Steps + 1 };
        if (planner.StateOf(key) == NodeState.Waiting)
        {
            _changes.Dirty(key.NodeId);
            Apply(new AttemptStarted(key, Now));
        }

        _callsInFlight++;
        var task = context.CallActivityAsync<NodeStepResult>(DagActivityNames.RunNodeStep, new NodeStepInput
        {
            DagId = input.DagId,
            RunId = input.RunId,
            DagHash = input.DagHash,
            NodeId = key.NodeId,
            MapIndex = key.Index,
            Attempt = p.Attempt,
            Step = p.Steps,
            State = p.State,
            EventPayload = p.EventPayload,
            EventDeadlinePassed = p.EventDeadlinePassed,
            Upstreams = UpstreamsOf(key.NodeId),
        });
        if (p.Steps == 1)
        {
            // A first step marks its node running itself, in the write that opens the attempt.
            _changes.NoteRecorded(key, NodeState.Running, p.Attempt);
        }

        _pending.Add(task, () =>
        {
            _callsInFlight--;
            OnStepDone(live, task);
        });
    }

    private void OnStepDone(LiveAttempt live, Task<NodeStepResult> task)
    {
        if (!IsCurrent(live))
        {
            return;
        }

        var result = task.IsFaulted ? new NodeStepResult { Kind = NodeStepKind.Failed, Error = ErrorOf(task) } : task.Result;
        var key = live.Progress.Key;
        var p = live.Progress = live.Progress with { State = result.State, EventPayload = null, EventDeadlinePassed = false };
        switch (result.Kind)
        {
            case NodeStepKind.Succeeded:
                // The step wrote the node's final state and output itself (before it returned).
                _changes.NoteRecorded(key, NodeState.Succeeded, p.Attempt);
                End(live, new AttemptSucceeded(key, Now), here: false);
                return;
            case NodeStepKind.Failed:
                End(live, new AttemptFailed(key, Now, result.Error ?? "the operator failed", result.Retryable), here: task.IsFaulted);
                return;
            case NodeStepKind.Skipped:
                End(live, new AttemptSkipped(key, Now), here: false);
                return;
            case var _ when _cancelRequested:
                End(live, new AttemptCancelled(key, Now), here: true);
                if (result is { Kind: NodeStepKind.StartChildRun, ChildRun: { } child })
                {
                    // The step created the child run's record before it heard of the cancel.
                    CancelChildren([child]);
                }

                return;
            case NodeStepKind.Poll:
                live.Progress = p with { Phase = AttemptPhase.Polling, WaitUntil = Now + (result.After ?? TimeSpan.Zero) };
                Waiting(live);
                WaitTimer(live, () => Step(live));
                return;
            case NodeStepKind.WaitForEvent:
                live.Progress = p with { Phase = AttemptPhase.AwaitingEvent, EventName = result.EventName, WaitUntil = result.At };
                Waiting(live);
                AwaitEvent(live);
                return;
            case NodeStepKind.WaitUntil:
                live.Progress = p with { Phase = AttemptPhase.Sleeping, WaitUntil = result.At };
                Waiting(live);
                WaitTimer(live, () => Conclude(live, null));
                return;
            case NodeStepKind.StartChildRun:
                live.Progress = p with { Phase = AttemptPhase.AwaitingChildRun, ChildRun = result.ChildRun };
                Waiting(live);
                StartChild(live, result.ChildRun!);
                return;
        }
    }

    private void Waiting(LiveAttempt live)
    {
        _changes.Dirty(live.Progress.Key.NodeId);
        Apply(new NodeWaiting(live.Progress.Key));
    }

    /// <summary>
    /// Ends the attempt and tells the planner. <paramref name="here"/>: the orchestrator decided
    /// the end, so the node's change also closes the attempt's record (a step activity closes its own).
    /// </summary>
    private void End(LiveAttempt live, PlanEvent planEvent, bool here, JsonElement? output = null)
    {
        Forget(live, here, output);
        Apply(planEvent);
    }

    /// <summary>Ends an attempt the orchestrator saw succeed (a wait, a child run).</summary>
    private void Conclude(LiveAttempt live, JsonElement? output) => Settle(live, NodeState.Succeeded, output, error: null, mark: null);

    /// <summary>
    /// Ends an attempt the orchestrator decided (a succeeded wait or child run, a mark by hand, a
    /// sensor's timeout):
    /// its state and output are written first, and only then is the planner told, so downstream
    /// nodes read them. A failure decided so is not retried.
    /// </summary>
    private void Settle(LiveAttempt live, NodeState state, JsonElement? output, string? error, NodeMarkEvent? mark)
    {
        var key = live.Progress.Key;
        Forget(live, here: false, output: null);
        _budget.SpendCall();
        _callsInFlight++;
        var change = new NodeStateChange
        {
            NodeId = key.NodeId,
            MapIndex = key.Index,
            State = state,
            Attempts = live.Progress.Attempt,
            StartedAt = planner.Instance(key).StartedAt,
            EndedAt = Now,
            EndedAttempt = live.Progress.Attempt,
            Error = error,
            Output = output,
            Mark = mark,
        };
        var task = context.CallActivityAsync<int>(DagActivityNames.RecordNodeStates, new RecordNodeStatesInput(input.DagId, input.RunId, [change]));
        _pending.Add(task, () =>
        {
            _callsInFlight--;
            if (!task.IsFaulted)
            {
                _changes.NoteRecorded(key, state, change.Attempts);
            }

            Apply(state switch
            {
                NodeState.Succeeded => new AttemptSucceeded(key, Now),
                NodeState.Skipped => new AttemptSkipped(key, Now),
                _ => new AttemptFailed(key, Now, error ?? "ended by the orchestrator", Retryable: false),
            });
        });
    }

    /// <summary>Drops an attempt the planner already ended (a cancel).</summary>
    private void Forget(LiveAttempt live, bool here, JsonElement? output)
    {
        var key = live.Progress.Key;
        _attempts.Remove(key);
        live.Lifetime.Cancel();
        live.Wait?.Cancel();
        if (live.Progress.EventName is { } name)
        {
            ReleaseEventWait(name);
        }

        if (here)
        {
            _changes.NoteAttemptEnd(key, live.Progress.Attempt, output);
        }
        else
        {
            _changes.Dirty(key.NodeId);
        }
    }

    private LiveAttempt Track(AttemptProgress progress)
    {
        var live = new LiveAttempt(progress, _nextOrder++);
        _attempts[progress.Key] = live;
        return live;
    }

    private bool IsCurrent(LiveAttempt live) => _attempts.TryGetValue(live.Progress.Key, out var current) && ReferenceEquals(current, live);
}
