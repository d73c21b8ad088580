using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>
/// The state machine of one run: pure and deterministic, driven by <see cref="PlanEvent"/>s,
/// answering with <see cref="PlanAction"/>s. It evaluates no expression and reads no clock; the
/// caller reports both. A whole run costs O(V + E): a node's trigger rule is judged from counters
/// bumped once per finished upstream, never by rescanning. See docs/run-planner.md.
/// </summary>
public sealed partial class RunPlanner
{
    private readonly DagGraph _graph;
    private readonly PlannerOptions _options;
    private readonly NodeRun[] _nodes;
    private readonly Queue<(int Node, int Instance)> _queue = new();
    private readonly List<PlanAction> _actions = [];

    // Work of the event being applied: nodes that became final, nodes to resolve, instances
    // that may run. Batches are sorted into file order so equal inputs give equal outputs.
    private readonly Stack<int> _finished = new();
    private readonly List<int> _toResolve = [];
    private readonly List<(int Node, int Instance)> _eligible = [];

    private int _running;
    private int _finalNodes;
    private bool _cancelRequested;
    private DateTimeOffset? _clock;
    private RunState _state = RunState.Queued;

    public RunPlanner(DagGraph graph, PlannerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        _options = options ?? PlannerOptions.Default;
        _nodes = new NodeRun[graph.Count];
        for (var n = 0; n < _nodes.Length; n++)
        {
            _nodes[n] = new NodeRun(graph.Node(n).IsMapped);
        }
    }

    public DagGraph Graph => _graph;

    /// <summary><c>queued</c> before <see cref="Start"/>, <c>running</c>, then final once <see cref="RunCompleted"/> was given.</summary>
    public RunState State => _state;

    /// <summary>Attempts running now (waiting ones do not hold a slot).</summary>
    public int RunningAttempts => _running;

    /// <summary>
    /// Starts the run (or the rerun): every node whose trigger rule can already be decided is,
    /// in file order. <paramref name="at"/> stamps nodes that end without running.
    /// </summary>
    public IReadOnlyList<PlanAction> Start(DateTimeOffset? at = null)
    {
        if (_state != RunState.Queued)
        {
            throw new InvalidOperationException($"the run of DAG '{_graph.Dag.Id}' was already started");
        }

        _state = RunState.Running;
        Tick(at);
        for (var n = 0; n < _nodes.Length; n++)
        {
            if (_nodes[n].Undecided)
            {
                Evaluate(n);
            }
        }

        return Flush();
    }

    /// <summary>Applies one event and returns what to do next, in a deterministic order.</summary>
    public IReadOnlyList<PlanAction> Apply(PlanEvent planEvent)
    {
        ArgumentNullException.ThrowIfNull(planEvent);
        if (_state == RunState.Queued)
        {
            throw new InvalidOperationException($"the run of DAG '{_graph.Dag.Id}' was not started; call Start first");
        }

        switch (planEvent)
        {
            case Resolved e: OnResolved(e); break;
            case Expanded e: OnExpanded(e); break;
            case ResolveFailed e: OnResolveFailed(e); break;
            case AttemptStarted e: OnAttemptStarted(e); break;
            case AttemptSucceeded e: OnAttemptEnded(e, e.Key, e.At, NodeState.Succeeded, null); break;
            case AttemptFailed e: OnAttemptFailed(e); break;
            case AttemptSkipped e: OnAttemptEnded(e, e.Key, e.At, NodeState.Skipped, null); break;
            case AttemptCancelled e: OnAttemptEnded(e, e.Key, e.At, NodeState.Cancelled, null); break;
            case NodeWaiting e: OnNodeWaiting(e); break;
            case RetryDue e: OnRetryDue(e); break;
            case Cancel e: OnCancel(e); break;
            default: throw new ArgumentException($"unknown event {planEvent.GetType().Name}", nameof(planEvent));
        }

        return Flush();
    }

    /// <summary>All state, to store and later <see cref="Restore"/>.</summary>
    public PlannerSnapshot Snapshot() => new()
    {
        DagId = _graph.Dag.Id,
        State = _state,
        CancelRequested = _cancelRequested,
        Clock = _clock,
        Nodes = [.. _nodes.Select((node, n) => node.ToSnapshot(_graph.Node(n).Id))],
        Queue = [.. _queue.Select(item => KeyOf(item.Node, item.Instance))],
    };

    /// <summary>
    /// What is in flight, for a caller that lost its own record of it (after a restart): every
    /// unanswered <see cref="ResolveNode"/>, a <see cref="StartAttempt"/> for every running or
    /// waiting attempt, and a <see cref="ScheduleRetry"/> for every instance up for retry.
    /// </summary>
    public IReadOnlyList<PlanAction> Outstanding()
    {
        var actions = new List<PlanAction>();
        for (var n = 0; n < _nodes.Length; n++)
        {
            var node = _nodes[n];
            if (node.Resolving)
            {
                actions.Add(new ResolveNode(_graph.Node(n).Id));
            }

            for (var i = 0; i < node.Instances.Length; i++)
            {
                var instance = node.Instances[i];
                if (instance.State is NodeState.Running or NodeState.Waiting)
                {
                    actions.Add(new StartAttempt(KeyOf(n, i), instance.Attempts));
                }
                else if (instance is { State: NodeState.UpForRetry, RetryDueAt: { } due })
                {
                    actions.Add(new ScheduleRetry(KeyOf(n, i), instance.Attempts + 1, due));
                }
            }
        }

        return actions;
    }

    private NodeKey KeyOf(int node, int instance) => new(_graph.Node(node).Id, _nodes[node].Mapped ? instance : null);

    private void Tick(DateTimeOffset? at)
    {
        if (at is { } t && (_clock is null || t > _clock))
        {
            _clock = t;
        }
    }
}
