using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

public class RunPlannerCancelTests
{
    private static readonly NodePolicy OneRetry = new() { Retries = 1 };

    /// <summary>a and q run, b is up for retry, r waits, c is pending, m is resolving.</summary>
    private static RunPlanner MidRun()
    {
        var dag = Dag(
            2,
            Node("a"),
            Node("b") with { Policy = OneRetry },
            Node("r"),
            Node("q"),
            Node("c", "a"),
            Node("m", "a") with { Trigger = TriggerRule.Always, Foreach = "${{ [1, 2] }}" });
        var planner = Start(dag, out _);
        planner.Apply(new AttemptFailed(Key("b"), T0, "x"));
        planner.Apply(new NodeWaiting(Key("r")));
        return planner;
    }

    [Fact]
    public void The_setup_is_what_the_tests_below_assume()
    {
        var planner = MidRun();

        Assert.Equal(
            [NodeState.Running, NodeState.UpForRetry, NodeState.Waiting, NodeState.Running, NodeState.Pending, NodeState.Pending],
            planner.Snapshot().Nodes.Select(n => n.State));
        Assert.True(planner.Node("m").Resolving);
    }

    [Fact]
    public void Cancel_ends_every_node_that_is_not_running_cancelled_and_starts_nothing()
    {
        var planner = MidRun();

        var actions = planner.Apply(new Cancel(T0.AddMinutes(1)));

        Assert.Empty(actions);
        Assert.Equal(
            [NodeState.Running, NodeState.Cancelled, NodeState.Cancelled, NodeState.Running, NodeState.Cancelled, NodeState.Cancelled],
            planner.Snapshot().Nodes.Select(n => n.State));
        Assert.Equal(T0.AddMinutes(1), planner.Node("c").EndedAt);
        Assert.Equal(RunState.Running, planner.State);
    }

    [Fact]
    public void The_run_ends_cancelled_when_the_running_attempts_stop()
    {
        var planner = MidRun();
        planner.Apply(new Cancel());

        Assert.Empty(planner.Apply(new AttemptSucceeded(Key("a"), T0)));
        var actions = planner.Apply(new AttemptCancelled(Key("q"), T0));

        Assert.Equal([new RunCompleted(RunState.Cancelled)], actions);
        Assert.Equal(NodeState.Succeeded, planner.Node("a").State);
        Assert.Equal(NodeState.Cancelled, planner.Node("q").State);
    }

    [Fact]
    public void A_failure_after_cancel_is_not_retried()
    {
        var planner = Start(Dag(Node("a") with { Policy = OneRetry }), out _);
        planner.Apply(new Cancel());

        Assert.Equal([new RunCompleted(RunState.Cancelled)], planner.Apply(new AttemptFailed(Key("a"), T0, "x")));
        Assert.Equal(NodeState.Failed, planner.Node("a").State);
    }

    [Fact]
    public void Events_that_raced_the_cancellation_are_ignored()
    {
        var planner = MidRun();
        planner.Apply(new Cancel());

        Assert.Empty(planner.Apply(new RetryDue(Key("b"))));
        Assert.Empty(planner.Apply(new AttemptSucceeded(Key("r"), T0)));
        Assert.Empty(planner.Apply(new Expanded("m", [true])));
        Assert.Equal(NodeState.Cancelled, planner.Node("r").State);
        Assert.Equal(NodeState.Cancelled, planner.Node("m").State);
    }

    [Fact]
    public void Cancel_twice_or_after_the_end_changes_nothing()
    {
        var planner = Start(Dag(Node("a")), out _);
        planner.Apply(new AttemptSucceeded(Key("a"), T0));

        Assert.Empty(planner.Apply(new Cancel()));
        Assert.Equal(RunState.Succeeded, planner.State);
    }

    [Fact]
    public void A_mapped_node_with_a_running_instance_ends_cancelled_when_it_stops()
    {
        var planner = Start(Dag(1, Node("m") with { Foreach = "${{ [1, 2] }}" }), out _);
        planner.Apply(new Expanded("m", [true, true]));
        planner.Apply(new Cancel());
        Assert.Equal((NodeState.Running, NodeState.Cancelled), (planner.Node("m").State, planner.Instance(Key("m", 1)).State));

        Assert.Equal([new RunCompleted(RunState.Cancelled)], planner.Apply(new AttemptCancelled(Key("m", 0), T0)));
        Assert.Equal(NodeState.Cancelled, planner.Node("m").State);
    }
}
