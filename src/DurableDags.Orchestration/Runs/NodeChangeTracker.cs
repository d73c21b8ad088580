using System.Text.Json;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// Finds the node states that changed in a turn, so each is written once as its own small
/// record. Nodes touched by an event or action are checked; a node that became final also has
/// its downstream checked, transitively, since skips and upstream failures spread without an action.
/// </summary>
/// <param name="fresh">
/// The run's first generation from scratch: no record of any node exists but those written since,
/// so first writes can be marked (<see cref="NodeStateChange.FirstWrite"/>).
/// </param>
internal sealed class NodeChangeTracker(RunPlanner planner, bool fresh)
{
    /// <summary>Node keys whose record may exist: written by a batch, or handed to an activity that writes it.</summary>
    private readonly HashSet<NodeKey> _mayExist = [];
    private readonly Dictionary<NodeKey, (NodeState State, int Attempts)> _last = [];
    private readonly HashSet<int> _dirty = [];
    private readonly Dictionary<NodeKey, (int Attempt, JsonElement? Output)> _ended = [];
    private readonly Dictionary<NodeKey, (NodeState State, int Attempts)> _recorded = [];
    private readonly List<NodeStateChange> _retry = [];

    // Scratch of Collect, kept between turns so a turn allocates only the changes it writes.
    private readonly List<int> _order = [];
    private readonly Queue<int> _queue = new();
    private readonly HashSet<int> _seen = [];
    private bool _all;

    public bool HasPending => _all || _dirty.Count > 0 || _ended.Count > 0 || _retry.Count > 0;

    public void Dirty(string nodeId) => _dirty.Add(planner.Graph.IndexOf(nodeId));

    public void DirtyAll() => _all = true;

    /// <summary>The orchestrator ended this attempt itself; its record is closed with the node's change.</summary>
    public void NoteAttemptEnd(NodeKey key, int attempt, JsonElement? output)
    {
        _ended[key] = (attempt, output);
        Dirty(key.NodeId);
    }

    /// <summary>
    /// An activity already wrote this state to the node's record (a step that succeeded writes its
    /// state and output): the same change is not written again, but its downstream is still checked.
    /// </summary>
    public void NoteRecorded(NodeKey key, NodeState state, int attempts)
    {
        _mayExist.Add(key);
        _recorded[key] = (state, attempts);
        Dirty(key.NodeId);
    }

    /// <summary>An activity may write this record (a resolve writes a mapped node's).</summary>
    public void NoteMayExist(NodeKey key) => _mayExist.Add(key);

    /// <summary>Changes that could not be written go out again with the next batch.</summary>
    public void Retry(IEnumerable<NodeStateChange> changes) => _retry.AddRange(changes);

    public List<NodeStateChange> Collect()
    {
        var changes = new List<NodeStateChange>(_retry);
        _retry.Clear();
        var graph = planner.Graph;
        _queue.Clear();
        _seen.Clear();
        if (_all)
        {
            for (var n = 0; n < graph.Count; n++)
            {
                Visit(n);
            }
        }
        else
        {
            _order.Clear();
            _order.AddRange(_dirty);
            _order.Sort();
            foreach (var n in _order)
            {
                Visit(n);
            }
        }

        _dirty.Clear();
        _all = false;
        while (_queue.TryDequeue(out var n))
        {
            if (!Diff(n, changes))
            {
                continue;
            }

            foreach (var down in graph.Downstream(n))
            {
                Visit(down);
            }
        }

        if (_ended.Count > 0)
        {
            foreach (var key in _ended.Keys.ToList())
            {
                changes.Add(ChangeOf(key, planner.Instance(key), null));
            }
        }

        return changes;
    }

    private void Visit(int node)
    {
        if (_seen.Add(node))
        {
            _queue.Enqueue(node);
        }
    }

    /// <summary>
    /// Adds what changed in a node; true when the node as a whole just became final. States are
    /// read without a snapshot, and an instance is copied only when its change is written.
    /// </summary>
    private bool Diff(int n, List<NodeStateChange> changes)
    {
        var definition = planner.Graph.Node(n);
        var id = definition.Id;
        if (!definition.IsMapped)
        {
            var key = new NodeKey(id);
            var (state, attempts) = planner.Progress(n, 0);
            var recorded = Recorded(key, state, attempts);
            return Changed(key, state, attempts)
                && (recorded || Add(changes, ChangeOf(key, planner.Instance(n, 0), null))) && state.IsFinal();
        }

        var count = planner.InstanceCount(n);
        for (var i = 0; i < count; i++)
        {
            var key = new NodeKey(id, i);
            var (state, attempts) = planner.Progress(n, i);
            var recorded = Recorded(key, state, attempts);
            if ((Changed(key, state, attempts) || _ended.ContainsKey(key)) && !recorded)
            {
                changes.Add(ChangeOf(key, planner.Instance(n, i), null));
            }
        }

        var whole = new NodeKey(id);
        if (!Changed(whole, planner.StateOf(n), count))
        {
            return false;
        }

        var node = planner.Node(n);
        changes.Add(new NodeStateChange
        {
            NodeId = id,
            MapCount = count,
            State = node.State,
            EndedAt = node.EndedAt,
            Error = node.Error,
            FirstWrite = FirstWrite(whole),
        });
        return node.State.IsFinal();
    }

    /// <summary>True when an activity wrote exactly this instance's state; the note is used once.</summary>
    private bool Recorded(NodeKey key, NodeState state, int attempts) =>
        _recorded.Remove(key, out var recorded) && recorded == (state, attempts) && !_ended.ContainsKey(key);

    private bool Changed(NodeKey key, NodeState state, int attempts)
    {
        if (_last.TryGetValue(key, out var last) ? last == (state, attempts) : state == NodeState.Pending)
        {
            return false;
        }

        _last[key] = (state, attempts);
        return true;
    }

    private NodeStateChange ChangeOf(NodeKey key, InstanceSnapshot instance, int? mapCount)
    {
        var ended = _ended.Remove(key, out var end);
        return new NodeStateChange
        {
            NodeId = key.NodeId,
            MapIndex = key.Index,
            MapCount = mapCount,
            State = instance.State,
            Attempts = instance.Attempts,
            StartedAt = instance.StartedAt,
            EndedAt = instance.EndedAt,
            Error = instance.Error,
            EndedAttempt = ended ? end.Attempt : null,
            Output = ended ? end.Output : null,
            FirstWrite = FirstWrite(key),
        };
    }

    private bool FirstWrite(NodeKey key) => _mayExist.Add(key) && fresh;

    private static bool Add(List<NodeStateChange> changes, NodeStateChange change)
    {
        changes.Add(change);
        return true;
    }
}
