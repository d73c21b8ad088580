using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>How each event changes the run.</summary>
public sealed partial class RunPlanner
{
    private void OnResolved(Resolved e)
    {
        var n = IndexOf(e.NodeId);
        if (!AwaitsResolution(n, e, mapped: false))
        {
            return;
        }

        _nodes[n].Resolving = false;
        if (e.Run)
        {
            MakeEligible(n, 0);
        }
        else
        {
            EndNode(n, NodeState.Skipped, null);
        }
    }

    private void OnExpanded(Expanded e)
    {
        ArgumentNullException.ThrowIfNull(e.InstanceRuns);
        var n = IndexOf(e.NodeId);
        if (!AwaitsResolution(n, e, mapped: true))
        {
            return;
        }

        var node = _nodes[n];
        node.Resolving = false;
        var runs = e.InstanceRuns;
        if (runs.Count > _options.MaxMapLength)
        {
            EndNode(n, NodeState.Failed, $"foreach of node '{e.NodeId}' gave {runs.Count} items, more than the limit of {_options.MaxMapLength}");
            return;
        }

        if (runs.Count == 0)
        {
            EndNode(n, NodeState.Skipped, null);
            return;
        }

        node.State = NodeState.Running;
        node.Instances = new InstanceRun[runs.Count];
        node.Unfinished = runs.Count;
        for (var i = 0; i < runs.Count; i++)
        {
            node.Instances[i] = new InstanceRun();
        }

        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i])
            {
                MakeEligible(n, i);
            }
            else
            {
                EndInstance(n, i, NodeState.Skipped, null, null);
            }
        }
    }

    private void OnResolveFailed(ResolveFailed e)
    {
        var n = IndexOf(e.NodeId);
        if (AwaitsResolution(n, e, _nodes[n].Mapped))
        {
            EndNode(n, NodeState.Failed, e.Error);
        }
    }

    private void OnAttemptStarted(AttemptStarted e)
    {
        Tick(e.At);
        if (ActiveInstance(e.Key, e) is not var (n, i, instance))
        {
            return;
        }

        instance.StartedAt ??= e.At;
        if (instance.State == NodeState.Waiting)
        {
            Transition(n, i, NodeState.Running);
        }
    }

    private void OnAttemptEnded(PlanEvent e, NodeKey key, DateTimeOffset at, NodeState state, string? error)
    {
        Tick(at);
        if (ActiveInstance(key, e) is var (n, i, _))
        {
            EndInstance(n, i, state, error, at);
        }
    }

    private void OnAttemptFailed(AttemptFailed e)
    {
        Tick(e.At);
        if (ActiveInstance(e.Key, e) is not var (n, i, instance))
        {
            return;
        }

        var policy = _graph.Node(n).Policy;
        if (_cancelRequested || !e.Retryable || instance.Attempts >= policy.MaxAttempts)
        {
            EndInstance(n, i, NodeState.Failed, e.Error, e.At);
            return;
        }

        Transition(n, i, NodeState.UpForRetry);
        instance.Error = e.Error;
        if (!_nodes[n].Mapped)
        {
            _nodes[n].Error = e.Error;
        }

        instance.RetryDueAt = e.At + RetryDelays.After(policy, instance.Attempts);
        _actions.Add(new ScheduleRetry(e.Key, instance.Attempts + 1, instance.RetryDueAt.Value));
    }

    private void OnNodeWaiting(NodeWaiting e)
    {
        if (ActiveInstance(e.Key, e) is var (n, i, _))
        {
            Transition(n, i, NodeState.Waiting);
        }
    }

    private void OnRetryDue(RetryDue e)
    {
        // Timers are not taken back when a run is cancelled; a late one has nothing to do.
        var (n, i) = Locate(e.Key);
        var instance = _nodes[n].Instances[i];
        if (instance.State == NodeState.UpForRetry)
        {
            Tick(instance.RetryDueAt);
            MakeEligible(n, i);
        }
    }

    private void OnCancel(Cancel e)
    {
        Tick(e.At);
        if (_cancelRequested || _state.IsFinal())
        {
            return;
        }

        _cancelRequested = true;
        _queue.Clear();
        for (var n = 0; n < _nodes.Length; n++)
        {
            var node = _nodes[n];
            if (node.State.IsFinal())
            {
                continue;
            }

            if (node.Mapped && node.Instances.Length == 0)
            {
                EndNode(n, NodeState.Cancelled, null);
                continue;
            }

            for (var i = 0; i < node.Instances.Length; i++)
            {
                if (node.Instances[i].State is not NodeState.Running && !node.Instances[i].State.IsFinal())
                {
                    EndInstance(n, i, NodeState.Cancelled, null, e.At);
                }
            }
        }
    }

    /// <summary>True when node <paramref name="n"/> awaits this answer; false when a cancellation overtook it.</summary>
    private bool AwaitsResolution(int n, PlanEvent e, bool mapped)
    {
        var node = _nodes[n];
        var id = _graph.Node(n).Id;
        if (node.Mapped != mapped)
        {
            throw new InvalidOperationException(node.Mapped
                ? $"node '{id}' is mapped by foreach; answer its ResolveNode with Expanded, not {e.GetType().Name}"
                : $"node '{id}' is not mapped; answer its ResolveNode with Resolved, not {e.GetType().Name}");
        }

        if (node.Resolving)
        {
            return true;
        }

        return node.State.IsFinal() && _cancelRequested
            ? false
            : throw new InvalidOperationException($"{e.GetType().Name} for node '{id}', which is {WireNames.Of(node.State)} and was not asked to resolve");
    }

    /// <summary>The running or waiting instance an attempt event is about; null when a cancellation overtook it.</summary>
    private (int Node, int Instance, InstanceRun Run)? ActiveInstance(NodeKey key, PlanEvent e)
    {
        var (n, i) = Locate(key);
        var instance = _nodes[n].Instances[i];
        if (instance.State is NodeState.Running or NodeState.Waiting)
        {
            return (n, i, instance);
        }

        return instance.State.IsFinal() && _cancelRequested
            ? null
            : throw new InvalidOperationException($"{e.GetType().Name} for '{key}', which is {WireNames.Of(instance.State)}; only a running or waiting attempt reports it");
    }
}
