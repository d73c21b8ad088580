using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

public class RunPlannerForeachTests
{
    private static readonly NodeDefinition Mapped = Node("cost") with { Foreach = "${{ params.carriers }}", If = "${{ item.routes > 0 }}" };

    [Fact]
    public void Foreach_expands_one_instance_per_item_and_skips_those_whose_if_is_false()
    {
        var planner = Start(Dag(Mapped, Node("report", "cost")), out var actions);
        Assert.Equal([new ResolveNode("cost")], actions);

        actions = planner.Apply(new Expanded("cost", [true, false, true]));

        Assert.Equal([Key("cost", 0), Key("cost", 2)], Started(actions));
        Assert.Equal(NodeState.Skipped, planner.Instance(Key("cost", 1)).State);
        Assert.Equal(NodeState.Running, planner.Node("cost").State);
        Assert.Equal(3, planner.Node("cost").Instances.Length);
    }

    [Fact]
    public void Downstream_waits_for_every_instance_and_sees_the_node_succeeded()
    {
        var planner = Start(Dag(Mapped, Node("report", "cost")), out _);
        planner.Apply(new Expanded("cost", [true, false, true]));

        Assert.Empty(planner.Apply(new AttemptSucceeded(Key("cost", 2), T0)));
        var actions = planner.Apply(new AttemptSucceeded(Key("cost", 0), T0));

        Assert.Equal([new StartAttempt(Key("report"), 1)], actions);
        Assert.Equal(NodeState.Succeeded, planner.Node("cost").State);
    }

    [Fact]
    public void A_failed_instance_fails_the_node_once_every_instance_is_done()
    {
        var planner = Start(Dag(Mapped, Node("report", "cost")), out _);
        planner.Apply(new Expanded("cost", [true, true]));

        Assert.Empty(planner.Apply(new AttemptFailed(Key("cost", 0), T0, "HTTP 500")));
        Assert.Equal(NodeState.Running, planner.Node("cost").State);
        var actions = planner.Apply(new AttemptSucceeded(Key("cost", 1), T0));

        Assert.Equal([new RunCompleted(RunState.Failed)], actions);
        Assert.Equal((NodeState.Failed, "1 of 2 instances failed"), (planner.Node("cost").State, planner.Node("cost").Error));
        Assert.Equal("HTTP 500", planner.Instance(Key("cost", 0)).Error);
        Assert.Equal(NodeState.UpstreamFailed, planner.Node("report").State);
    }

    [Fact]
    public void Foreach_over_an_empty_list_ends_skipped()
    {
        var planner = Start(Dag(Mapped, Node("report", "cost"), Node("always", "cost") with { Trigger = TriggerRule.AllDone }), out _);

        var actions = planner.Apply(new Expanded("cost", []));

        Assert.Equal([new StartAttempt(Key("always"), 1)], actions);
        Assert.Equal(NodeState.Skipped, planner.Node("cost").State);
        Assert.Empty(planner.Node("cost").Instances);
        Assert.Equal(NodeState.Skipped, planner.Node("report").State);
    }

    [Fact]
    public void Foreach_whose_every_item_is_skipped_by_if_ends_skipped()
    {
        var planner = Start(Dag(Mapped, Node("report", "cost")), out _);

        var actions = planner.Apply(new Expanded("cost", [false, false]));

        Assert.Equal([new RunCompleted(RunState.Succeeded)], actions);
        Assert.Equal(NodeState.Skipped, planner.Node("cost").State);
        Assert.Equal(NodeState.Skipped, planner.Node("report").State);
    }

    [Fact]
    public void Foreach_over_the_bound_fails_the_node_with_a_clear_error()
    {
        var planner = Start(Dag(Mapped), out _, new PlannerOptions { MaxMapLength = 3 });

        var actions = planner.Apply(new Expanded("cost", [true, true, true, true]));

        Assert.Equal([new RunCompleted(RunState.Failed)], actions);
        Assert.Equal("foreach of node 'cost' gave 4 items, more than the limit of 3", planner.Node("cost").Error);
    }

    [Fact]
    public void The_default_bound_is_1024_items()
    {
        var atBound = Start(Dag(Mapped), out _);
        var overBound = Start(Dag(Mapped), out _);

        atBound.Apply(new Expanded("cost", Enumerable.Repeat(true, 1024).ToArray()));
        overBound.Apply(new Expanded("cost", Enumerable.Repeat(true, 1025).ToArray()));

        Assert.Equal(NodeState.Running, atBound.Node("cost").State);
        Assert.Equal(NodeState.Failed, overBound.Node("cost").State);
    }

    [Fact]
    public void Instances_share_the_parallel_slots_in_index_order()
    {
        var planner = Start(Dag(2, Mapped), out _);

        var actions = planner.Apply(new Expanded("cost", [true, true, true, true]));
        Assert.Equal([Key("cost", 0), Key("cost", 1)], Started(actions));

        Assert.Equal([Key("cost", 2)], Started(planner.Apply(new AttemptSucceeded(Key("cost", 1), T0))));
    }

    [Fact]
    public void An_instance_retries_on_its_own()
    {
        var planner = Start(Dag(Mapped with { Policy = new NodePolicy { Retries = 1, RetryDelay = TimeSpan.FromSeconds(10) } }), out _);
        planner.Apply(new Expanded("cost", [true, true]));

        var actions = planner.Apply(new AttemptFailed(Key("cost", 1), T0, "timeout"));

        Assert.Equal([new ScheduleRetry(Key("cost", 1), 2, T0.AddSeconds(10))], actions);
        Assert.Equal([new StartAttempt(Key("cost", 1), 2)], planner.Apply(new RetryDue(Key("cost", 1))));
        Assert.Equal(NodeState.Running, planner.Instance(Key("cost", 0)).State);
    }

    [Fact]
    public void Keys_of_instances_outside_the_list_are_refused()
    {
        var planner = Start(Dag(Mapped), out _);
        planner.Apply(new Expanded("cost", [true]));

        var error = Assert.Throws<ArgumentException>(() => planner.Apply(new AttemptSucceeded(Key("cost", 1), T0)));

        Assert.Contains("has 1 instances; there is no cost[1]", error.Message, StringComparison.Ordinal);
    }
}
