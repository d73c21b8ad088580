using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

/// <summary>The reads without a snapshot must say what the snapshots say, at every step of a run.</summary>
public class RunPlannerReadsTests
{
    private static readonly DagDefinition Varied = Dag(
        2,
        Node("a") with { Policy = new NodePolicy { Retries = 1 } },
        Node("cost", "a") with { Foreach = "${{ params.carriers }}", If = "${{ item.routes > 0 }}" },
        Node("b", "a") with { If = "${{ params.go }}" },
        Node("c", "b"),
        Node("d", "cost"),
        Node("e", "c", "d") with { Trigger = TriggerRule.AllDone });

    [Fact]
    public void Reads_without_a_snapshot_agree_with_the_snapshots_through_a_run_of_every_kind_of_state()
    {
        var planner = Start(Varied, out _);
        var seen = new HashSet<NodeState>();
        AssertReadsAgree(planner, seen);
        PlanEvent[] events =
        [
            new AttemptStarted(Key("a"), T0),
            new AttemptFailed(Key("a"), T0.AddSeconds(1), "HTTP 503"),
            new RetryDue(Key("a")),
            new AttemptSucceeded(Key("a"), T0.AddSeconds(2)),
            new Expanded("cost", [true, false, true]),
            new Resolved("b", false),
            new NodeWaiting(Key("cost", 0)),
            new AttemptSucceeded(Key("cost", 2), T0.AddSeconds(3)),
            new AttemptFailed(Key("cost", 0), T0.AddSeconds(4), "HTTP 500", Retryable: false),
            new AttemptSucceeded(Key("e"), T0.AddSeconds(5)),
        ];
        foreach (var planEvent in events)
        {
            planner.Apply(planEvent);
            AssertReadsAgree(planner, seen);
        }

        Assert.Equal(RunState.Failed, planner.State);
        NodeState[] expected =
        [
            NodeState.Pending, NodeState.Running, NodeState.UpForRetry, NodeState.Succeeded, NodeState.Skipped,
            NodeState.Waiting, NodeState.Failed, NodeState.UpstreamFailed,
        ];
        Assert.Superset(expected.ToHashSet(), seen);
    }

    [Fact]
    public void A_mapped_node_has_no_instances_to_read_until_its_list_is_known()
    {
        var planner = Start(Varied, out _);
        var cost = planner.Graph.IndexOf("cost");

        Assert.Equal(0, planner.InstanceCount(cost));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => planner.Progress(cost, 0));
        Assert.Contains("node 'cost' has 0 instances; there is no instance 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_outside_the_dag_is_an_error_naming_the_dag_and_its_size()
    {
        var planner = Start(Varied, out _);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => planner.StateOf(6));
        Assert.Contains("DAG 'test' has 6 nodes, at positions 0 to 5", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => planner.Instance(-1, 0));
        Assert.Throws<ArgumentException>(() => planner.StateOf("nope"));
        Assert.Throws<ArgumentException>(() => planner.StateOf(Key("a", 0)));
    }

    private static void AssertReadsAgree(RunPlanner planner, HashSet<NodeState> seen)
    {
        for (var n = 0; n < planner.Graph.Count; n++)
        {
            var id = planner.Graph.Node(n).Id;
            var snapshot = planner.Node(id);
            var byIndex = planner.Node(n);
            Assert.Equal(snapshot.State, planner.StateOf(n));
            Assert.Equal(snapshot.State, planner.StateOf(id));
            Assert.Equal((snapshot.Id, snapshot.State, snapshot.Resolving, snapshot.Error, snapshot.EndedAt), (byIndex.Id, byIndex.State, byIndex.Resolving, byIndex.Error, byIndex.EndedAt));
            Assert.Equal(snapshot.Instances, byIndex.Instances, EqualityComparer<InstanceSnapshot>.Default);
            Assert.Equal(snapshot.Instances.Length, planner.InstanceCount(n));
            seen.Add(snapshot.State);
            for (var i = 0; i < snapshot.Instances.Length; i++)
            {
                var instance = snapshot.Instances[i];
                var key = new NodeKey(id, planner.Graph.Node(n).IsMapped ? i : null);
                Assert.Equal((instance.State, instance.Attempts), planner.Progress(n, i));
                Assert.Equal(instance.State, planner.StateOf(key));
                Assert.Equal(instance, planner.Instance(n, i));
                Assert.Equal(instance, planner.Instance(key));
                seen.Add(instance.State);
            }
        }
    }
}
