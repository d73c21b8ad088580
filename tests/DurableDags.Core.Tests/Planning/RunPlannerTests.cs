using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

public class RunPlannerTests
{
    [Fact]
    public void A_chain_starts_each_node_when_its_upstream_succeeds_and_the_run_succeeds()
    {
        var planner = Start(Dag(Node("a"), Node("b", "a"), Node("c", "b")), out var actions);
        Assert.Equal([new StartAttempt(Key("a"), 1)], actions);
        Assert.Equal(RunState.Running, planner.State);

        Assert.Equal([new StartAttempt(Key("b"), 1)], planner.Apply(new AttemptSucceeded(Key("a"), T0.AddMinutes(1))));
        Assert.Equal([new StartAttempt(Key("c"), 1)], planner.Apply(new AttemptSucceeded(Key("b"), T0.AddMinutes(2))));
        Assert.Equal([new RunCompleted(RunState.Succeeded)], planner.Apply(new AttemptSucceeded(Key("c"), T0.AddMinutes(3))));

        Assert.Equal(RunState.Succeeded, planner.State);
        Assert.Equal(NodeState.Succeeded, planner.Node("c").State);
    }

    [Fact]
    public void Independent_roots_start_together_in_file_order()
    {
        Start(Dag(Node("z"), Node("a"), Node("m", "z")), out var actions);

        Assert.Equal([Key("z"), Key("a")], Started(actions));
    }

    [Fact]
    public void Start_and_end_times_come_from_the_events()
    {
        var planner = Start(Dag(Node("a")), out _);
        planner.Apply(new AttemptStarted(Key("a"), T0.AddSeconds(5)));
        planner.Apply(new AttemptSucceeded(Key("a"), T0.AddSeconds(9)));

        var a = planner.Instance(Key("a"));
        Assert.Equal((T0.AddSeconds(5), T0.AddSeconds(9), 1), (a.StartedAt, a.EndedAt, a.Attempts));
        Assert.Equal(T0.AddSeconds(9), planner.Node("a").EndedAt);
    }

    [Fact]
    public void A_node_with_if_is_resolved_before_it_runs()
    {
        var planner = Start(Dag(Node("a") with { If = "${{ params.go }}" }), out var actions);
        Assert.Equal([new ResolveNode("a")], actions);
        Assert.True(planner.Node("a").Resolving);

        Assert.Equal([new StartAttempt(Key("a"), 1)], planner.Apply(new Resolved("a", true)));
    }

    [Fact]
    public void If_false_skips_the_node_and_the_skip_flows_down_through_the_trigger_rules()
    {
        var planner = Start(
            Dag(Node("a") with { If = "${{ false }}" }, Node("b", "a"), Node("c", "b") with { Trigger = TriggerRule.AllDone }),
            out _);

        var actions = planner.Apply(new Resolved("a", false));

        Assert.Equal([new StartAttempt(Key("c"), 1)], actions);
        Assert.Equal(NodeState.Skipped, planner.Node("a").State);
        Assert.Equal(NodeState.Skipped, planner.Node("b").State);
        Assert.Equal(T0, planner.Node("b").EndedAt);
    }

    [Fact]
    public void An_expression_error_fails_the_node_without_retries()
    {
        var planner = Start(Dag(Node("a") with { If = "${{ nodes.x.output.y }}", Policy = new NodePolicy { Retries = 3 } }, Node("b", "a")), out _);

        var actions = planner.Apply(new ResolveFailed("a", "${{ nodes.x.output.y }}: 'y' is not in the output"));

        Assert.Equal([new RunCompleted(RunState.Failed)], actions);
        Assert.Equal("${{ nodes.x.output.y }}: 'y' is not in the output", planner.Node("a").Error);
        Assert.Equal(NodeState.UpstreamFailed, planner.Node("b").State);
    }

    [Fact]
    public void A_cancelled_upstream_counts_as_failed_for_trigger_rules()
    {
        var planner = Start(Dag(Node("a"), Node("b", "a"), Node("cleanup", "a") with { Trigger = TriggerRule.OneFailed }), out _);

        var actions = planner.Apply(new AttemptCancelled(Key("a"), T0));

        Assert.Equal([new StartAttempt(Key("cleanup"), 1)], actions);
        Assert.Equal(NodeState.UpstreamFailed, planner.Node("b").State);
    }

    [Fact]
    public void An_operator_may_skip_its_own_node()
    {
        var planner = Start(Dag(Node("sensor"), Node("b", "sensor")), out _);

        Assert.Equal([new RunCompleted(RunState.Succeeded)], planner.Apply(new AttemptSkipped(Key("sensor"), T0)));
        Assert.Equal(NodeState.Skipped, planner.Node("b").State);
    }

    [Theory]
    [InlineData("S", "S", RunState.Succeeded)]
    [InlineData("K", "S", RunState.Succeeded)]
    [InlineData("F", "S", RunState.Failed)]
    [InlineData("C", "S", RunState.Failed)]
    public void The_run_fails_when_a_node_failed_even_if_a_downstream_handled_it(string first, string second, RunState expected)
    {
        var planner = Start(Dag(Node("a"), Node("b", "a") with { Trigger = TriggerRule.AllDone }), out _);
        Apply(planner, "a", first);

        var actions = Apply(planner, "b", second);

        Assert.Equal([new RunCompleted(expected)], actions);
        Assert.Equal(expected, planner.State);
    }

    [Fact]
    public void An_event_that_does_not_fit_the_state_is_refused_with_a_clear_error()
    {
        var planner = Start(Dag(Node("a"), Node("b", "a"), Node("m") with { Foreach = "${{ [1] }}" }), out _);

        Assert.Contains("for 'b', which is pending", Assert.Throws<InvalidOperationException>(() => planner.Apply(new AttemptSucceeded(Key("b"), T0))).Message, StringComparison.Ordinal);
        Assert.Contains("answer its ResolveNode with Expanded", Assert.Throws<InvalidOperationException>(() => planner.Apply(new Resolved("m", true))).Message, StringComparison.Ordinal);
        Assert.Contains("has no node 'nope'", Assert.Throws<ArgumentException>(() => planner.Apply(new AttemptSucceeded(Key("nope"), T0))).Message, StringComparison.Ordinal);
        Assert.Contains("is not mapped", Assert.Throws<ArgumentException>(() => planner.Apply(new AttemptSucceeded(Key("a", 0), T0))).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => planner.Start());
        Assert.Throws<InvalidOperationException>(() => new RunPlanner(DagGraph.Build(Dag(Node("a")))).Apply(new Cancel()));
    }

    [Fact]
    public void A_ten_thousand_node_layered_dag_runs_to_completion()
    {
        const int layers = 100, width = 100;
        var nodes = new List<NodeDefinition>();
        for (var layer = 0; layer < layers; layer++)
        {
            for (var i = 0; i < width; i++)
            {
                var needs = layer == 0 ? [] : new[] { i, (i * 7 + 1) % width, (i * 13 + 5) % width }.Select(j => $"n{layer - 1}_{j}").Distinct().ToArray();
                nodes.Add(Node($"n{layer}_{i}", needs));
            }
        }

        var dag = Dag(16, [.. nodes]);
        var graph = DagGraph.Build(dag);
        var planner = RunToEnd(dag, out var events, out var peakRunning);

        Assert.Equal(RunState.Succeeded, planner.State);
        Assert.Equal(layers * width, events);
        Assert.Equal(16, peakRunning);
        Assert.Equal(layers, graph.Waves.Length);
        Assert.Equal(layers, graph.LongestPath.Length);
        Assert.All(planner.Snapshot().Nodes, n => Assert.Equal((NodeState.Succeeded, 1), (n.State, n.Instances[0].Attempts)));
    }

    private static IReadOnlyList<PlanAction> Apply(RunPlanner planner, string id, string outcome) => planner.Apply(outcome switch
    {
        "S" => new AttemptSucceeded(Key(id), T0),
        "F" => new AttemptFailed(Key(id), T0, "boom"),
        "K" => new AttemptSkipped(Key(id), T0),
        _ => new AttemptCancelled(Key(id), T0),
    });
}
