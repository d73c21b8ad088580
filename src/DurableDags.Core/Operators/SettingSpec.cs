using System.Collections.Immutable;

namespace DurableDags.Core.Operators;

/// <summary>One setting an operator takes in <c>with</c>.</summary>
public sealed record SettingSpec(string Name, SettingType Type)
{
    public bool Required { get; init; }

    /// <summary>One sentence for docs and editor tooltips.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The value used when the setting is absent, as the docs show it; null when there is none.</summary>
    public string? Default { get; init; }

    /// <summary>For <see cref="SettingType.String"/>: the only values allowed, when restricted.</summary>
    public ImmutableArray<string> Allowed { get; init; } = [];

    /// <summary>For <see cref="SettingType.Object"/>: its own settings.</summary>
    public ImmutableArray<SettingSpec> Settings { get; init; } = [];

    /// <summary>For <see cref="SettingType.Object"/>: groups of its settings of which exactly one must be given.</summary>
    public ImmutableArray<ImmutableArray<string>> ExactlyOneOf { get; init; } = [];

    /// <summary>
    /// Names of the operator's phases that expressions in this setting (and inside it) may read,
    /// such as <c>poll</c> in an http-job's <c>successWhen</c>.
    /// </summary>
    public ImmutableArray<string> Roots { get; init; } = [];

    /// <summary>
    /// Whether <c>secrets.X</c> may appear here (and inside it): only where the value goes to the
    /// remote service and is never written to logs, outputs or run records.
    /// </summary>
    public bool AllowsSecrets { get; init; }
}
