using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

public class RunPlannerRerunTests
{
    // extract -> load -> report; extract -> audit; notify after load with one_failed; side alone.
    private static readonly DagDefinition Pipeline = Dag(
        Node("extract"),
        Node("load", "extract"),
        Node("report", "load"),
        Node("audit", "extract"),
        Node("notify", "load") with { Trigger = TriggerRule.OneFailed },
        Node("side"));

    private static readonly DagGraph Graph = DagGraph.Build(Pipeline);

    /// <summary>A finished run where load failed: report upstream_failed, notify ran, the rest succeeded.</summary>
    private static PlannerSnapshot FailedRun()
    {
        var planner = Start(Pipeline, out _);
        planner.Apply(new AttemptSucceeded(Key("extract"), T0));
        planner.Apply(new AttemptSucceeded(Key("side"), T0));
        planner.Apply(new AttemptSucceeded(Key("audit"), T0));
        planner.Apply(new AttemptFailed(Key("load"), T0, "disk full"));
        planner.Apply(new AttemptSucceeded(Key("notify"), T0));
        Assert.Equal(RunState.Failed, planner.State);
        return planner.Snapshot();
    }

    [Fact]
    public void Failed_only_reruns_failed_nodes_and_their_downstream_and_keeps_the_rest()
    {
        var previous = FailedRun();

        var rerun = RunPlanner.ForRerun(Graph, previous, failedOnly: true);
        var actions = rerun.Start(T0.AddDays(1));

        Assert.Equal([new StartAttempt(Key("load"), 1)], actions);
        Assert.Equal(previous.Nodes[0], rerun.Node("extract") with { Instances = previous.Nodes[0].Instances });
        Assert.Equal(previous.Nodes[0].Instances[0], rerun.Instance(Key("extract")));
        Assert.Equal(NodeState.Succeeded, rerun.Node("audit").State);
        Assert.Equal(NodeState.Pending, rerun.Node("report").State);
        Assert.Equal(NodeState.Pending, rerun.Node("notify").State);
        Assert.Null(rerun.Node("load").Error);

        rerun.Apply(new AttemptSucceeded(Key("load"), T0.AddDays(1)));
        var last = rerun.Apply(new AttemptSucceeded(Key("report"), T0.AddDays(1)));

        Assert.Equal([new RunCompleted(RunState.Succeeded)], last);
        Assert.Equal(NodeState.Skipped, rerun.Node("notify").State);
    }

    [Fact]
    public void From_clears_the_node_and_everything_downstream_whatever_their_state()
    {
        var rerun = RunPlanner.ForRerun(Graph, FailedRun(), from: "extract");

        Assert.Equal([new StartAttempt(Key("extract"), 1)], rerun.Start());
        Assert.All(new[] { "load", "report", "audit", "notify" }, id => Assert.Equal(NodeState.Pending, rerun.Node(id).State));
        Assert.Equal(NodeState.Succeeded, rerun.Node("side").State);
    }

    [Fact]
    public void From_a_middle_node_starts_it_because_its_kept_upstreams_are_done()
    {
        var rerun = RunPlanner.ForRerun(Graph, FailedRun(), from: "report");

        Assert.Equal([new RunCompleted(RunState.Failed)], rerun.Start());
        Assert.Equal(NodeState.UpstreamFailed, rerun.Node("report").State);
        Assert.Equal(NodeState.Failed, rerun.Node("load").State);
    }

    [Fact]
    public void From_with_failed_only_clears_failed_nodes_within_its_downstream()
    {
        var rerun = RunPlanner.ForRerun(Graph, FailedRun(), from: "audit", failedOnly: true);

        Assert.Equal([new RunCompleted(RunState.Failed)], rerun.Start());
        Assert.Equal(NodeState.Failed, rerun.Node("load").State);
    }

    [Fact]
    public void Neither_option_reruns_every_node()
    {
        var rerun = RunPlanner.ForRerun(Graph, FailedRun());

        Assert.Equal([Key("extract"), Key("side")], Started(rerun.Start()));
        Assert.All(rerun.Snapshot().Nodes.Skip(1).Where(n => n.Id != "side"), n => Assert.Equal(NodeState.Pending, n.State));
    }

    [Fact]
    public void A_kept_mapped_node_keeps_its_instances()
    {
        var dag = Dag(Node("m") with { Foreach = "${{ [1, 2] }}" }, Node("b", "m"));
        var planner = Start(dag, out _);
        planner.Apply(new Expanded("m", [true, false]));
        planner.Apply(new AttemptSucceeded(Key("m", 0), T0));
        planner.Apply(new AttemptFailed(Key("b"), T0, "x"));

        var rerun = RunPlanner.ForRerun(DagGraph.Build(dag), planner.Snapshot(), failedOnly: true);

        Assert.Equal([new StartAttempt(Key("b"), 1)], rerun.Start());
        Assert.Equal([NodeState.Succeeded, NodeState.Skipped], rerun.Node("m").Instances.Select(i => i.State));
    }

    [Fact]
    public void Nodes_added_to_the_dag_since_the_previous_run_are_run_with_their_downstream()
    {
        var grown = Pipeline with { Nodes = [.. Pipeline.Nodes, Node("archive", "report"), Node("backup")] };

        var rerun = RunPlanner.ForRerun(DagGraph.Build(grown), FailedRun(), from: "audit");

        Assert.Equal([Key("audit"), Key("backup")], Started(rerun.Start()));
        Assert.Equal(NodeState.UpstreamFailed, rerun.Node("archive").State);
    }

    [Fact]
    public void Only_a_finished_run_can_be_rerun_from_a_node_it_has()
    {
        var running = Start(Pipeline, out _).Snapshot();

        Assert.Contains("is running; only a finished run", Assert.Throws<ArgumentException>(() => RunPlanner.ForRerun(Graph, running)).Message, StringComparison.Ordinal);
        Assert.Contains("has no node 'nope' to rerun from", Assert.Throws<ArgumentException>(() => RunPlanner.ForRerun(Graph, FailedRun(), from: "nope")).Message, StringComparison.Ordinal);
    }
}
