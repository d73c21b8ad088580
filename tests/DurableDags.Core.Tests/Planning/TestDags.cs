using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;

namespace DurableDags.Core.Tests.Planning;

/// <summary>Compact DAGs for planner tests.</summary>
internal static class TestDags
{
    public static readonly DateTimeOffset T0 = new(2026, 5, 10, 6, 0, 0, TimeSpan.Zero);

    public static NodeDefinition Node(string id, params string[] needs) => new() { Id = id, Type = "noop", Needs = [.. needs] };

    public static DagDefinition Dag(params NodeDefinition[] nodes) => new() { Id = "test", Nodes = [.. nodes] };

    public static DagDefinition Dag(int maxParallelNodes, params NodeDefinition[] nodes) => Dag(nodes) with { MaxParallelNodes = maxParallelNodes };

    public static RunPlanner Start(DagDefinition dag, out IReadOnlyList<PlanAction> actions, PlannerOptions? options = null)
    {
        var planner = new RunPlanner(DagGraph.Build(dag), options);
        actions = planner.Start(T0);
        return planner;
    }

    public static NodeKey Key(string id, int? index = null) => new(id, index);

    public static IReadOnlyList<NodeKey> Started(IEnumerable<PlanAction> actions) =>
        [.. actions.OfType<StartAttempt>().Select(a => a.Key)];

    /// <summary>Starts the run and answers every action with success until it completes.</summary>
    public static RunPlanner RunToEnd(DagDefinition dag, out int events, out int peakRunning)
    {
        var planner = Start(dag, out var actions);
        var pending = new Queue<PlanAction>(actions);
        events = 0;
        peakRunning = planner.RunningAttempts;
        while (pending.TryDequeue(out var action))
        {
            PlanEvent? reply = action switch
            {
                StartAttempt s => new AttemptSucceeded(s.Key, T0),
                ResolveNode r when dag.FindNode(r.NodeId)!.IsMapped => new Expanded(r.NodeId, [true, true]),
                ResolveNode r => new Resolved(r.NodeId, true),
                _ => null,
            };
            if (reply is not null)
            {
                events++;
                foreach (var next in planner.Apply(reply))
                {
                    pending.Enqueue(next);
                }

                peakRunning = Math.Max(peakRunning, planner.RunningAttempts);
            }
        }

        return planner;
    }
}
