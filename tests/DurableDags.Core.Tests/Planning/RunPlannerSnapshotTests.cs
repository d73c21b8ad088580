using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

public class RunPlannerSnapshotTests
{
    private static readonly NodePolicy OneRetry = new() { Retries = 1, RetryDelay = TimeSpan.FromSeconds(20) };

    private static readonly DagDefinition Scenario = Dag(
        2,
        Node("extract") with { Policy = OneRetry },
        Node("carriers", "extract"),
        Node("cost", "carriers") with { Foreach = "${{ nodes.carriers.output }}", Policy = OneRetry },
        Node("train", "carriers"),
        Node("approve", "train") with { If = "${{ params.approve }}" },
        Node("report", "cost", "approve") with { Trigger = TriggerRule.AllDone },
        Node("skipme", "extract") with { If = "${{ false }}" },
        Node("after", "skipme"));

    [Fact]
    public void A_run_restored_from_json_at_any_step_continues_exactly_like_the_uninterrupted_run()
    {
        var (events, outputs, final) = RecordUninterrupted();
        Assert.Equal(RunState.Succeeded, final.State);

        for (var cut = 0; cut <= events.Count; cut++)
        {
            var planner = Start(Scenario, out _);
            foreach (var e in events.Take(cut))
            {
                planner.Apply(e);
            }

            var json = JsonSerializer.Serialize(planner.Snapshot());
            var restored = RunPlanner.Restore(DagGraph.Build(Scenario), JsonSerializer.Deserialize<PlannerSnapshot>(json)!);
            Assert.Equal(json, JsonSerializer.Serialize(restored.Snapshot()));

            for (var step = cut; step < events.Count; step++)
            {
                Assert.Equal(outputs[step], restored.Apply(events[step]));
            }

            Assert.Equal(JsonSerializer.Serialize(final), JsonSerializer.Serialize(restored.Snapshot()));
        }
    }

    [Fact]
    public void Outstanding_lists_what_is_in_flight_after_a_restore()
    {
        var planner = Start(Dag(3, Node("a") with { Policy = OneRetry }, Node("b"), Node("c") with { If = "${{ true }}" }, Node("d", "b")), out _);
        planner.Apply(new AttemptFailed(Key("a"), T0, "x"));
        planner.Apply(new NodeWaiting(Key("b")));

        var restored = RunPlanner.Restore(DagGraph.Build(planner.Graph.Dag), planner.Snapshot());

        Assert.Equal(
            [new ScheduleRetry(Key("a"), 2, T0.AddSeconds(20)), new StartAttempt(Key("b"), 1), new ResolveNode("c")],
            restored.Outstanding());
        Assert.Equal([new StartAttempt(Key("d"), 1)], restored.Apply(new AttemptSucceeded(Key("b"), T0)));
    }

    [Fact]
    public void Snapshots_spell_states_by_their_wire_names()
    {
        var planner = Start(Dag(Node("a"), Node("b", "a")), out _);
        planner.Apply(new AttemptFailed(Key("a"), T0, "boom"));

        var json = JsonSerializer.Serialize(planner.Snapshot());

        Assert.Contains("\"State\":\"upstream_failed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"State\":\"failed\"", json, StringComparison.Ordinal);
        Assert.All(Enum.GetValues<NodeState>(), state => Assert.Contains(
            $"\"State\":\"{WireNames.Of(state)}\"",
            JsonSerializer.Serialize(new InstanceSnapshot { State = state }),
            StringComparison.Ordinal));
    }

    [Fact]
    public void A_snapshot_of_another_dag_or_version_is_refused()
    {
        var snapshot = Start(Dag(Node("a"), Node("b")), out _).Snapshot();

        var otherId = Assert.Throws<ArgumentException>(() => RunPlanner.Restore(DagGraph.Build(Dag(Node("a"), Node("b")) with { Id = "other" }), snapshot));
        var renamed = Assert.Throws<ArgumentException>(() => RunPlanner.Restore(DagGraph.Build(Dag(Node("a"), Node("c"))), snapshot));
        var mapped = Assert.Throws<ArgumentException>(() => RunPlanner.Restore(DagGraph.Build(Dag(Node("a"), Node("b") with { Foreach = "${{ [1] }}" })), snapshot));
        var future = Assert.Throws<ArgumentException>(() => RunPlanner.Restore(DagGraph.Build(Dag(Node("a"), Node("b"))), snapshot with { Version = 2 }));

        Assert.Contains("is of DAG 'test', not 'other'", otherId.Message, StringComparison.Ordinal);
        Assert.Contains("is 'b' but node 'c'", renamed.Message, StringComparison.Ordinal);
        Assert.Contains("another version of the DAG", mapped.Message, StringComparison.Ordinal);
        Assert.Contains("version 2 is not supported", future.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs <see cref="Scenario"/> with a scripted world and records every event and the actions it gave.</summary>
    private static (List<PlanEvent> Events, List<IReadOnlyList<PlanAction>> Outputs, PlannerSnapshot Final) RecordUninterrupted()
    {
        var planner = Start(Scenario, out var actions);
        var pending = new Queue<PlanAction>(actions);
        var events = new List<PlanEvent>();
        var outputs = new List<IReadOnlyList<PlanAction>>();
        var clock = T0;
        while (pending.TryDequeue(out var action))
        {
            clock = clock.AddSeconds(7);
            foreach (var e in World(action, clock))
            {
                var output = planner.Apply(e);
                events.Add(e);
                outputs.Add(output);
                foreach (var next in output)
                {
                    pending.Enqueue(next);
                }
            }
        }

        return (events, outputs, planner.Snapshot());
    }

    private static IEnumerable<PlanEvent> World(PlanAction action, DateTimeOffset at) => action switch
    {
        ResolveNode { NodeId: "cost" } => [new Expanded("cost", [true, false, true])],
        ResolveNode r => [new Resolved(r.NodeId, r.NodeId != "skipme")],
        ScheduleRetry s => [new RetryDue(s.Key)],
        StartAttempt { Key.NodeId: "train" } s => [new AttemptStarted(s.Key, at), new NodeWaiting(s.Key), new AttemptSucceeded(s.Key, at.AddMinutes(1))],
        StartAttempt { Attempt: 1 } s when s.Key == Key("extract") || s.Key == Key("cost", 2) => [new AttemptStarted(s.Key, at), new AttemptFailed(s.Key, at.AddSeconds(1), "flaky")],
        StartAttempt s => [new AttemptStarted(s.Key, at), new AttemptSucceeded(s.Key, at.AddSeconds(2))],
        _ => [],
    };
}
