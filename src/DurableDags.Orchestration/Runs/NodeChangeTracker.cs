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
        var queue = new Queue<int>(_all ? Enumerable.Range(0, graph.Count) : _dirty.Order());
        var seen = new HashSet<int>(queue);
        _dirty.Clear();
        _all = false;
        while (queue.TryDequeue(out var n))
        {
            if (!Diff(planner.Node(graph.Node(n).Id), changes))
            {
                continue;
            }

            foreach (var down in graph.Downstream(n))
            {
                if (seen.Add(down))
                {
                    queue.Enqueue(down);
                }
            }
        }

        foreach (var (key, _) in _ended.ToList())
        {
            changes.Add(ChangeOf(key, planner.Instance(key), null));
        }

        return changes;
    }

    /// <summary>Adds what changed in a node; true when the node as a whole just became final.</summary>
    private bool Diff(NodeSnapshot node, List<NodeStateChange> changes)
    {
        var mapped = planner.Graph.Node(planner.Graph.IndexOf(node.Id)).IsMapped;
        if (!mapped)
        {
            var instance = node.Instances[0];
            var key = new NodeKey(node.Id);
            var recorded = Recorded(key, instance);
            return Changed(key, instance.State, instance.Attempts)
                && (recorded || Add(changes, ChangeOf(key, instance, null))) && instance.State.IsFinal();
        }

        for (var i = 0; i < node.Instances.Length; i++)
        {
            var instance = node.Instances[i];
            var key = new NodeKey(node.Id, i);
            var recorded = Recorded(key, instance);
            if ((Changed(key, instance.State, instance.Attempts) || _ended.ContainsKey(key)) && !recorded)
            {
                changes.Add(ChangeOf(key, instance, null));
            }
        }

        var whole = new NodeKey(node.Id);
        if (!Changed(whole, node.State, node.Instances.Length))
        {
            return false;
        }

        changes.Add(new NodeStateChange
        {
            NodeId = node.Id,
            MapCount = node.Instances.Length,
            State = node.State,
            EndedAt = node.EndedAt,
            Error = node.Error,
            FirstWrite = FirstWrite(whole),
        });
        return node.State.IsFinal();
    }

    /// <summary>True when an activity wrote exactly this instance's state; the note is used once.</summary>
    private bool Recorded(NodeKey key, InstanceSnapshot instance) =>
        _recorded.Remove(key, out var recorded) && recorded == (instance.State, instance.Attempts) && !_ended.ContainsKey(key);

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
