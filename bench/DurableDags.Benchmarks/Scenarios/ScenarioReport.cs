using System.Globalization;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>The Markdown table of the scenarios, as bench/results.md shows it, and the details of each.</summary>
public static class ScenarioReport
{
    /// <summary>Writes the table; true when every median meets its target.</summary>
    public static bool Write(IReadOnlyList<(Scenario Scenario, List<ScenarioSample> Samples)> results, int repeat, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        var allMet = true;
        Line(output, $"| Scenario | Measure | Target | Median of {repeat} | Min to max | Verdict |");
        Line(output, $"|---|---|---|---:|---:|---|");
        foreach (var (scenario, samples) in results)
        {
            for (var k = 0; k < scenario.Measures.Count; k++)
            {
                var measure = scenario.Measures[k];
                var values = samples.Select(s => s.Values[k]).Order().ToList();
                var median = Median(values);
                var met = measure.Meets(median);
                allMet &= met;
                var verdict = measure.Limit is null ? "reported"
                    : met ? $"**met** ({values.Count(measure.Meets)} of {values.Count} samples)"
                    : $"**missed** ({values.Count(measure.Meets)} of {values.Count} samples met it)";
                Line(output, $"| {scenario.Name} | {measure.Name} | {measure.Target} | {measure.Format(median)} | {measure.Format(values[0])} to {measure.Format(values[^1])} | {verdict} |");
            }
        }

        output.WriteLine();
        foreach (var (scenario, samples) in results)
        {
            var cpu = Median([.. samples.Select(s => s.Cpu.TotalMilliseconds).Order()]);
            var middle = samples.OrderBy(s => s.Values[0]).ElementAt(samples.Count / 2);
            Line(output, $"- {scenario.Name}: median CPU {cpu:F0} ms; median sample: {middle.Details}");
        }

        return allMet;
    }

    public static double Median(IReadOnlyList<double> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The value at fraction <paramref name="p"/> of the sorted values (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
