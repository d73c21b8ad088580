using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

public class RunPlannerMarkTests
{
    // extract -> load -> report; notify after load with one_failed; side alone.
    private static readonly DagDefinition Pipeline = Dag(
        Node("extract"),
        Node("load", "extract"),
        Node("report", "load"),
        Node("notify", "load") with { Trigger = TriggerRule.OneFailed },
        Node("side"));

    private static readonly DagGraph Graph = DagGraph.Build(Pipeline);

    private static readonly DateTimeOffset Marked = T0.AddHours(2);

    /// <summary>A finished run where load failed: report upstream_failed, notify ran, the rest succeeded.</summary>
    private static PlannerSnapshot FailedRun()
    {
        var planner = Start(Pipeline, out _);
        planner.Apply(new AttemptSucceeded(Key("extract"), T0));
        planner.Apply(new AttemptSucceeded(Key("side"), T0));
        planner.Apply(new AttemptFailed(Key("load"), T0, "disk full"));
        planner.Apply(new AttemptSucceeded(Key("notify"), T0));
        Assert.Equal(RunState.Failed, planner.State);
        return planner.Snapshot();
    }

    [Fact]
    public void Marking_a_failed_node_succeeded_keeps_it_and_reevaluates_its_downstream_by_their_trigger_rules()
    {
        var mark = RunPlanner.ForMark(Graph, FailedRun(), "load", NodeState.Succeeded, Marked, "fixed by hand");

        Assert.Equal([new StartAttempt(Key("report"), 1)], mark.Start(Marked));
        Assert.Equal((NodeState.Succeeded, null, Marked), (mark.Node("load").State, mark.Node("load").Error, mark.Node("load").EndedAt));
        Assert.Equal(1, mark.Instance(Key("load")).Attempts);
        Assert.Equal(NodeState.Succeeded, mark.Node("extract").State);

        var last = mark.Apply(new AttemptSucceeded(Key("report"), Marked));

        Assert.Equal([new RunCompleted(RunState.Succeeded)], last);
        Assert.Equal(NodeState.Skipped, mark.Node("notify").State);
    }

    [Fact]
    public void Marking_a_succeeded_node_failed_records_the_reason_and_fails_its_downstream()
    {
        var planner = Start(Pipeline, out _);
        foreach (var id in new[] { "extract", "side", "load", "report" })
        {
            planner.Apply(new AttemptSucceeded(Key(id), T0));
        }

        var mark = RunPlanner.ForMark(Graph, planner.Snapshot(), "load", NodeState.Failed, Marked, "wrong data");
        var actions = mark.Start(Marked);

        Assert.Equal([new StartAttempt(Key("notify"), 1)], actions);
        Assert.Equal((NodeState.Failed, "wrong data"), (mark.Node("load").State, mark.Node("load").Error));
        Assert.Equal(NodeState.UpstreamFailed, mark.Node("report").State);
    }

    [Fact]
    public void Only_succeeded_or_failed_on_a_known_node_of_a_finished_run()
    {
        Assert.Throws<ArgumentException>(() => RunPlanner.ForMark(Graph, FailedRun(), "load", NodeState.Skipped, Marked, null));
        Assert.Throws<ArgumentException>(() => RunPlanner.ForMark(Graph, FailedRun(), "nope", NodeState.Succeeded, Marked, null));
        Assert.Throws<ArgumentException>(() => RunPlanner.ForMark(Graph, FailedRun() with { State = RunState.Running }, "load", NodeState.Succeeded, Marked, null));
    }
}
