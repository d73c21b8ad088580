using System.Globalization;
using System.Text;

namespace DurableDags.Cli.Plans;

/// <summary>
/// The plan for people:
/// <code>
/// carrier-costs (dags/carrier-costs.yaml)
/// 5 nodes, 5 edges, 4 waves, widest wave 2, 1 mapped (foreach)
/// wave 1: carriers
/// wave 2: cost, train
/// longest path, 4 nodes: carriers -> train -> approve -> report
/// </code>
/// </summary>
internal static class PlanText
{
    public static string Format(PlanSummary plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.Append(culture, $"{plan.DagId} ({plan.File})").AppendLine();
        text.Append(culture, $"{Count(plan.Nodes, "node")}, {Count(plan.Edges, "edge")}, {Count(plan.Waves.Length, "wave")}, ")
            .Append(culture, $"widest wave {plan.WidestWave}, {plan.MappedNodes} mapped (foreach)").AppendLine();
        for (var w = 0; w < plan.Waves.Length; w++)
        {
            text.Append(culture, $"wave {w + 1}: {string.Join(", ", plan.Waves[w])}").AppendLine();
        }

        text.Append(culture, $"longest path, {Count(plan.LongestPath.Length, "node")}: {string.Join(" -> ", plan.LongestPath)}").AppendLine();
        return text.ToString();
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
