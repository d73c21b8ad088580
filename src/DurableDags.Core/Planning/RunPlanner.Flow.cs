using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>How states move and how a finished node reaches its downstreams.</summary>
public sealed partial class RunPlanner
{
    /// <summary>Finishes the work of one call: tells downstreams, queues, starts attempts, completes the run.</summary>
    private PlanAction[] Flush()
    {
        while (_finished.TryPop(out var n))
        {
            var state = _nodes[n].State;
            foreach (var d in _graph.Downstream(n))
            {
                var down = _nodes[d];
                down.Upstream = down.Upstream.With(state);
                if (down.Undecided && !_cancelRequested)
                {
                    Evaluate(d);
                }
            }
        }

        _toResolve.Sort();
        foreach (var n in _toResolve)
        {
            _actions.Add(new ResolveNode(_graph.Node(n).Id));
        }

        _eligible.Sort();
        foreach (var item in _eligible)
        {
            _queue.Enqueue(item);
        }

        _toResolve.Clear();
        _eligible.Clear();
        var slots = Math.Max(1, _graph.Dag.MaxParallelNodes);
        while (_running < slots && _queue.TryDequeue(out var next))
        {
            var instance = _nodes[next.Node].Instances[next.Instance];
            Transition(next.Node, next.Instance, NodeState.Running);
            instance.Attempts++;
            instance.RetryDueAt = null;
            _actions.Add(new StartAttempt(KeyOf(next.Node, next.Instance), instance.Attempts));
        }

        if (_finalNodes == _nodes.Length && !_state.IsFinal())
        {
            _state = _cancelRequested ? RunState.Cancelled
                : _nodes.Any(node => node.State is NodeState.Failed or NodeState.UpstreamFailed or NodeState.Cancelled) ? RunState.Failed
                : RunState.Succeeded;
            _actions.Add(new RunCompleted(_state));
        }

        var actions = _actions.ToArray();
        _actions.Clear();
        return actions;
    }

    /// <summary>Judges the trigger rule of an undecided node from its upstream counters.</summary>
    private void Evaluate(int n)
    {
        var definition = _graph.Node(n);
        switch (TriggerRuleEvaluator.Decide(definition.Trigger, _nodes[n].Upstream, _graph.Upstream(n).Length))
        {
            case TriggerDecision.Run when definition.If is not null || definition.IsMapped:
                _nodes[n].Resolving = true;
                _toResolve.Add(n);
                break;
            case TriggerDecision.Run:
                MakeEligible(n, 0);
                break;
            case TriggerDecision.Skip:
                EndNode(n, NodeState.Skipped, null);
                break;
            case TriggerDecision.UpstreamFailed:
                EndNode(n, NodeState.UpstreamFailed, null);
                break;
            case TriggerDecision.Wait:
                break;
        }
    }

    private void MakeEligible(int n, int i)
    {
        Transition(n, i, NodeState.Queued);
        _eligible.Add((n, i));
    }

    /// <summary>Moves an instance to a non-final state, keeping the running count and a plain node's state in step.</summary>
    private void Transition(int n, int i, NodeState state)
    {
        var node = _nodes[n];
        var instance = node.Instances[i];
        _running += (state == NodeState.Running ? 1 : 0) - (instance.State == NodeState.Running ? 1 : 0);
        instance.State = state;
        if (!node.Mapped)
        {
            node.State = state;
        }
    }

    /// <summary>
    /// Ends a node as a whole: a plain node through its instance; a mapped node only before it
    /// has instances (its trigger rule, its list, or a cancellation decided), never after.
    /// </summary>
    private void EndNode(int n, NodeState state, string? error)
    {
        if (_nodes[n].Mapped)
        {
            Finish(n, state, error, _clock);
        }
        else
        {
            EndInstance(n, 0, state, error, null);
        }
    }

    private void EndInstance(int n, int i, NodeState state, string? error, DateTimeOffset? at)
    {
        var node = _nodes[n];
        var instance = node.Instances[i];
        Transition(n, i, state);
        instance.Error = error;
        instance.EndedAt = at ?? _clock;
        instance.RetryDueAt = null;
        if (!node.Mapped)
        {
            Finish(n, state, error, instance.EndedAt);
        }
        else if (--node.Unfinished == 0)
        {
            var (aggregate, why) = Aggregate(node);
            Finish(n, aggregate, why, instance.EndedAt);
        }
    }

    private void Finish(int n, NodeState state, string? error, DateTimeOffset? at)
    {
        var node = _nodes[n];
        node.State = state;
        node.Resolving = false;
        node.Error = error;
        node.EndedAt = at;
        _finalNodes++;
        _finished.Push(n);
    }

    /// <summary>A mapped node's state from its instances' (dag-format.md); a cancelled instance, with none failed, cancels it.</summary>
    private static (NodeState State, string? Error) Aggregate(NodeRun node)
    {
        var failed = node.Instances.Count(i => i.State == NodeState.Failed);
        if (failed > 0)
        {
            return (NodeState.Failed, $"{failed} of {node.Instances.Length} instances failed");
        }

        if (node.Instances.Any(i => i.State == NodeState.Cancelled))
        {
            return (NodeState.Cancelled, null);
        }

        return node.Instances.All(i => i.State == NodeState.Skipped) ? (NodeState.Skipped, null) : (NodeState.Succeeded, null);
    }
}
