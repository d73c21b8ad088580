using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using static DurableDags.Core.Tests.Planning.TestDags;

namespace DurableDags.Core.Tests.Planning;

/// <summary>
/// Every trigger rule against every ordered outcome of 1 to 3 upstreams, checked against
/// <see cref="Reference"/>, a transcription of Airflow's TriggerRuleDep written over lists.
/// </summary>
public class RunPlannerTriggerRuleTests
{
    // S succeeded, F failed, K skipped, U upstream_failed.
    private const string Outcomes = "SFKU";

    public static TheoryData<TriggerRule, string> Cases()
    {
        var data = new TheoryData<TriggerRule, string>();
        var sequences = new List<string> { string.Empty };
        for (var length = 1; length <= 3; length++)
        {
            sequences = [.. sequences.SelectMany(s => Outcomes.Select(o => s + o))];
            foreach (var rule in Enum.GetValues<TriggerRule>())
            {
                foreach (var sequence in sequences)
                {
                    data.Add(rule, sequence);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_decides_like_airflow_at_the_same_upstream_outcome(TriggerRule rule, string sequence)
    {
        var (expected, expectedStep) = Enumerable.Range(0, sequence.Length + 1)
            .Select(step => (Decision: Reference(rule, sequence[..step], sequence.Length), Step: step))
            .First(x => x.Decision != "wait");

        var planner = Start(BuildDag(rule, sequence), out var actions);
        var (actual, actualStep) = (Observe(planner, actions), 0);
        for (var step = 1; actual == "wait" && step <= sequence.Length; step++)
        {
            actions = planner.Apply(Outcome(sequence[step - 1], step));
            (actual, actualStep) = (Observe(planner, actions), step);
        }

        Assert.Equal((expected, expectedStep), (actual, actualStep));
    }

    /// <summary>Airflow's trigger_rule_dep.py as a list function: first the state it sets, then whether it passes.</summary>
    private static string Reference(TriggerRule rule, string finished, int upstream)
    {
        int success = finished.Count(c => c == 'S'), failed = finished.Count(c => c == 'F');
        int skipped = finished.Count(c => c == 'K'), upstreamFailed = finished.Count(c => c == 'U');
        var done = finished.Length;
        var upstreamDone = done >= upstream;

        string? newState = rule switch
        {
            TriggerRule.AllSuccess when upstreamFailed > 0 || failed > 0 => "upstream_failed",
            TriggerRule.AllSuccess when skipped > 0 => "skipped",
            TriggerRule.AllFailed when success > 0 || skipped > 0 => "skipped",
            TriggerRule.OneSuccess when upstreamDone && done == skipped => "skipped",
            TriggerRule.OneSuccess when upstreamDone && success <= 0 => "upstream_failed",
            TriggerRule.OneFailed when upstreamDone && !(failed > 0 || upstreamFailed > 0) => "skipped",
            TriggerRule.NoneFailed when upstreamFailed > 0 || failed > 0 => "upstream_failed",
            TriggerRule.NoneFailedMinOneSuccess when upstreamFailed > 0 || failed > 0 => "upstream_failed",
            TriggerRule.NoneFailedMinOneSuccess when skipped == upstream => "skipped",
            TriggerRule.NoneSkipped when skipped > 0 => "skipped",
            _ => null,
        };
        if (newState is not null)
        {
            return newState;
        }

        var passes = rule switch
        {
            TriggerRule.Always => true,
            TriggerRule.OneSuccess => success > 0,
            TriggerRule.OneFailed => failed > 0 || upstreamFailed > 0,
            TriggerRule.AllSuccess => upstream - success <= 0,
            TriggerRule.AllFailed => upstream - failed - upstreamFailed <= 0,
            TriggerRule.AllDone => upstreamDone,
            TriggerRule.NoneFailed or TriggerRule.NoneFailedMinOneSuccess => upstream - success - skipped <= 0,
            TriggerRule.NoneSkipped => upstreamDone && skipped == 0,
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };
        return passes ? "run" : "wait";
    }

    /// <summary>
    /// Upstreams u1..un of target t. A skipped one has an <c>if</c>; an upstream_failed one
    /// needs a root x_i that will fail.
    /// </summary>
    private static DagDefinition BuildDag(TriggerRule rule, string sequence)
    {
        var nodes = new List<NodeDefinition>();
        for (var i = 1; i <= sequence.Length; i++)
        {
            if (sequence[i - 1] == 'U')
            {
                nodes.Add(Node($"x{i}"));
            }

            nodes.Add(sequence[i - 1] switch
            {
                'U' => Node($"u{i}", $"x{i}"),
                'K' => Node($"u{i}") with { If = "${{ false }}" },
                _ => Node($"u{i}"),
            });
        }

        nodes.Add(Node("t", [.. Enumerable.Range(1, sequence.Length).Select(i => $"u{i}")]) with { Trigger = rule });
        return Dag(nodes.ToArray());
    }

    private static PlanEvent Outcome(char outcome, int i) => outcome switch
    {
        'S' => new AttemptSucceeded(Key($"u{i}"), T0),
        'F' => new AttemptFailed(Key($"u{i}"), T0, "boom"),
        'K' => new Resolved($"u{i}", false),
        _ => new AttemptFailed(Key($"x{i}"), T0, "boom"),
    };

    private static string Observe(RunPlanner planner, IReadOnlyList<PlanAction> actions)
    {
        var state = planner.Node("t").State;
        var started = Started(actions).Contains(Key("t"));
        Assert.Equal(started, state == NodeState.Running);
        return state switch
        {
            NodeState.Pending => "wait",
            NodeState.Running => "run",
            _ => WireNames.Of(state),
        };
    }
}
