using System.Globalization;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>
/// A wall-clock scenario: one sample does the whole thing once (fresh store, fresh engine or
/// server) and gives a value per <see cref="Measure"/>. Samples run one after another, never side by side.
/// </summary>
public sealed record Scenario(string Name, IReadOnlyList<Measure> Measures, Func<Task<ScenarioSample>> RunOnceAsync)
{
    /// <summary>At most this many samples, for a scenario too slow to repeat as often as the others.</summary>
    public int? MaxRepeat { get; init; }

    /// <summary>At most this many warm-up samples (at least one always runs).</summary>
    public int MaxWarmUps { get; init; } = 12;
}

/// <summary>
/// What a scenario reports. With a <paramref name="Limit"/> the median must be at most that to
/// meet the target (<paramref name="AtLeast"/>: at least that); without one it is only reported.
/// </summary>
public sealed record Measure(string Name, string Unit, string Target, double? Limit = null, bool AtLeast = false)
{
    public bool Meets(double value) => Limit is not { } limit || (AtLeast ? value >= limit : value <= limit);

    public string Format(double value) => Unit switch
    {
        "ms" => string.Create(CultureInfo.InvariantCulture, $"{value:F0} ms"),
        "x" => string.Create(CultureInfo.InvariantCulture, $"{value:F2}×"),
        "/s" => string.Create(CultureInfo.InvariantCulture, $"{value:F0}/s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {Unit}").TrimEnd(),
    };
}

/// <summary>
/// One sample: a value per measure, in the scenario's order; the CPU time the whole process used
/// meanwhile (on a shared machine the clock also counts waiting for a core); one line of details;
/// more lines for <c>--verbose</c> (store calls by kind of key).
/// </summary>
public sealed record ScenarioSample(IReadOnlyList<double> Values, TimeSpan Cpu, string Details)
{
    public IReadOnlyList<string> Verbose { get; init; } = [];
}
