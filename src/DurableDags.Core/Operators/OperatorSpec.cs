using System.Collections.Immutable;

namespace DurableDags.Core.Operators;

/// <summary>
/// What the validator knows about an operator: its settings, the phase names its expressions may
/// read, and an optional hook for rules the settings table cannot say. Running the operator is
/// another type's job; this is only its contract with DAG files.
/// </summary>
public sealed record OperatorSpec(string Name)
{
    /// <summary>One sentence for docs and editor tooltips.</summary>
    public string Description { get; init; } = string.Empty;

    public ImmutableArray<SettingSpec> Settings { get; init; } = [];

    /// <summary>Groups of settings of which exactly one must be given (a sensor's <c>http</c> or <c>blob</c>).</summary>
    public ImmutableArray<ImmutableArray<string>> ExactlyOneOf { get; init; } = [];

    /// <summary>Lets settings not listed in <see cref="Settings"/> through, for operators that check their own.</summary>
    public bool AllowsOtherSettings { get; init; }

    /// <summary>Runs when the generic checks passed, for rules across settings or on values.</summary>
    public Action<OperatorValidationContext>? Validate { get; init; }

    /// <summary>Every phase name some setting exposes to expressions, for messages and docs.</summary>
    public ImmutableArray<string> Roots => [.. Walk(Settings).SelectMany(s => s.Roots).Distinct(StringComparer.Ordinal)];

    /// <summary>The settings along a path inside <c>with</c> (<c>["poll", "url"]</c>); stops where none is declared.</summary>
    public IReadOnlyList<SettingSpec> Path(IEnumerable<string> segments)
    {
        var path = new List<SettingSpec>();
        var level = Settings;
        foreach (var segment in segments)
        {
            var next = level.FirstOrDefault(s => string.Equals(s.Name, segment, StringComparison.Ordinal));
            if (next is null)
            {
                break;
            }

            path.Add(next);
            level = next.Settings;
        }

        return path;
    }

    private static IEnumerable<SettingSpec> Walk(ImmutableArray<SettingSpec> settings) =>
        settings.SelectMany(s => Walk(s.Settings).Prepend(s));
}
