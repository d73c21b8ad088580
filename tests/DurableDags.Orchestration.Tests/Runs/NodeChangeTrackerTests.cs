using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;
using DurableDags.Orchestration.Runs;

namespace DurableDags.Orchestration.Tests.Runs;

/// <summary>Which node records a turn writes, read from a real planner's states.</summary>
public class NodeChangeTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 10, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_change_an_activity_wrote_is_not_written_again_but_its_downstream_is_checked()
    {
        var planner = Started(out var tracker, Node("a"), Node("b", "a"));
        tracker.Dirty("a");
        Assert.Equal([("a", null, null, NodeState.Running, 1, true)], Summary(tracker.Collect()));

        tracker.NoteRecorded(new NodeKey("a"), NodeState.Succeeded, 1);
        planner.Apply(new AttemptSucceeded(new NodeKey("a"), T0));

        Assert.Equal([("b", null, null, NodeState.Running, 1, true)], Summary(tracker.Collect()));
        Assert.False(tracker.HasPending);
    }

    [Fact]
    public void A_skip_spreads_to_downstream_records_without_any_action_naming_them()
    {
        var planner = Started(out var tracker, Node("a") with { If = "${{ params.go }}" }, Node("b", "a"), Node("c", "b"));
        tracker.Dirty("a");
        Assert.Empty(tracker.Collect());

        planner.Apply(new Resolved("a", false));
        tracker.Dirty("a");
        var changes = tracker.Collect();

        Assert.Equal(
            [("a", null, null, NodeState.Skipped, 0, true), ("b", null, null, NodeState.Skipped, 0, true), ("c", null, null, NodeState.Skipped, 0, true)],
            Summary(changes));
        Assert.All(changes, change => Assert.Equal(T0, change.EndedAt));
    }

    [Fact]
    public void A_mapped_node_writes_each_instance_that_moved_and_itself_with_its_count()
    {
        var planner = Started(out var tracker, Node("m") with { Foreach = "${{ params.items }}" }, Node("d", "m"));
        planner.Apply(new Expanded("m", [true, false]));
        tracker.Dirty("m");
        Assert.Equal(
            [("m", 0, null, NodeState.Running, 1, true), ("m", 1, null, NodeState.Skipped, 0, true), ("m", null, 2, NodeState.Running, 0, true)],
            Summary(tracker.Collect()));

        planner.Apply(new AttemptFailed(new NodeKey("m", 0), T0, "HTTP 500", Retryable: false));
        tracker.Dirty("m");
        var changes = tracker.Collect();

        Assert.Equal(
            [("m", 0, null, NodeState.Failed, 1, false), ("m", null, 2, NodeState.Failed, 0, false), ("d", null, null, NodeState.UpstreamFailed, 0, true)],
            Summary(changes));
        Assert.Equal(("HTTP 500", "1 of 2 instances failed"), (changes[0].Error, changes[1].Error));
    }

    [Fact]
    public void An_attempt_ended_here_closes_its_record_even_when_the_state_was_already_written()
    {
        var planner = Started(out var tracker, Node("a"));
        tracker.Dirty("a");
        tracker.Collect();

        using var output = JsonDocument.Parse("""{ "rows": 3 }""");
        tracker.NoteAttemptEnd(new NodeKey("a"), 1, output.RootElement.Clone());
        var changes = tracker.Collect();

        var change = Assert.Single(changes);
        Assert.Equal((NodeState.Running, 1, 3), (change.State, change.EndedAttempt, change.Output?.GetProperty("rows").GetInt32()));
        Assert.Empty(tracker.Collect());
        Assert.Equal(NodeState.Running, planner.StateOf("a"));
    }

    private static NodeDefinition Node(string id, params string[] needs) => new() { Id = id, Type = "noop", Needs = [.. needs] };

    private static RunPlanner Started(out NodeChangeTracker tracker, params NodeDefinition[] nodes)
    {
        var planner = new RunPlanner(DagGraph.Build(new DagDefinition { Id = "test", Nodes = [.. nodes] }));
        planner.Start(T0);
        tracker = new NodeChangeTracker(planner, fresh: true);
        return planner;
    }

    private static List<(string NodeId, int? MapIndex, int? MapCount, NodeState State, int Attempts, bool FirstWrite)> Summary(List<NodeStateChange> changes) =>
        [.. changes.Select(c => (c.NodeId, c.MapIndex, c.MapCount, c.State, c.Attempts, c.FirstWrite))];
}
