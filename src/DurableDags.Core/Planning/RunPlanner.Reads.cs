using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>
/// Where nodes stand. <see cref="Node(string)"/> and <see cref="Instance(NodeKey)"/> copy a node
/// into a snapshot; the other reads copy nothing, for a caller that reads states every turn (an
/// orchestrator asks for its upstreams' states before each step). A node is given by id or by its
/// position in file order, as <see cref="DagGraph"/> numbers it.
/// </summary>
public sealed partial class RunPlanner
{
    /// <summary>Where a node stands now.</summary>
    public NodeSnapshot Node(string nodeId) => _nodes[IndexOf(nodeId)].ToSnapshot(nodeId);

    /// <summary>Where the node at position <paramref name="node"/> stands now.</summary>
    public NodeSnapshot Node(int node) => _nodes[Checked(node)].ToSnapshot(_graph.Node(node).Id);

    /// <summary>Where a node instance stands now.</summary>
    public InstanceSnapshot Instance(NodeKey key)
    {
        var (n, i) = Locate(key);
        return _nodes[n].Instances[i].ToSnapshot(key.Index);
    }

    /// <summary>Where instance <paramref name="instance"/> of the node at <paramref name="node"/> stands now (0 for a plain node).</summary>
    public InstanceSnapshot Instance(int node, int instance)
    {
        var i = Checked(node, instance);
        return _nodes[node].Instances[i].ToSnapshot(_nodes[node].Mapped ? i : null);
    }

    /// <summary>The state of a node, as <see cref="Node(string)"/> would give it.</summary>
    public NodeState StateOf(string nodeId) => _nodes[IndexOf(nodeId)].State;

    /// <summary>The state of the node at position <paramref name="node"/>.</summary>
    public NodeState StateOf(int node) => _nodes[Checked(node)].State;

    /// <summary>The state of a node instance, as <see cref="Instance(NodeKey)"/> would give it.</summary>
    public NodeState StateOf(NodeKey key)
    {
        var (n, i) = Locate(key);
        return _nodes[n].Instances[i].State;
    }

    /// <summary>Instances of the node at position <paramref name="node"/>: 1 for a plain node; for a mapped one, none until its list is known.</summary>
    public int InstanceCount(int node) => _nodes[Checked(node)].Instances.Length;

    /// <summary>The state of an instance and the attempts it started, which tell whether it moved since last read.</summary>
    public (NodeState State, int Attempts) Progress(int node, int instance)
    {
        var i = Checked(node, instance);
        var run = _nodes[node].Instances[i];
        return (run.State, run.Attempts);
    }

    private int IndexOf(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        var n = _graph.IndexOf(nodeId);
        return n >= 0 ? n : throw new ArgumentException($"DAG '{_graph.Dag.Id}' has no node '{nodeId}'", nameof(nodeId));
    }

    private int Checked(int node) => (uint)node < (uint)_nodes.Length
        ? node
        : throw new ArgumentOutOfRangeException(nameof(node), node, $"DAG '{_graph.Dag.Id}' has {_nodes.Length} nodes, at positions 0 to {_nodes.Length - 1}");

    private int Checked(int node, int instance)
    {
        var count = _nodes[Checked(node)].Instances.Length;
        return (uint)instance < (uint)count
            ? instance
            : throw new ArgumentOutOfRangeException(nameof(instance), instance, $"node '{_graph.Node(node).Id}' has {count} instances; there is no instance {instance}");
    }

    private (int Node, int Instance) Locate(NodeKey key)
    {
        var n = IndexOf(key.NodeId);
        var node = _nodes[n];
        return (node.Mapped, key.Index) switch
        {
            (false, null) => (n, 0),
            (true, { } i) when i >= 0 && i < node.Instances.Length => (n, i),
            (false, _) => throw new ArgumentException($"node '{key.NodeId}' is not mapped; its key has no index, not {key}", nameof(key)),
            _ => throw new ArgumentException($"mapped node '{key.NodeId}' has {node.Instances.Length} instances; there is no {key}", nameof(key)),
        };
    }
}
