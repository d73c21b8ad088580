using System.Collections.Immutable;

namespace DurableDags.Core.Validation;

/// <summary>
/// Which top-level names an expression may read where it is written: <c>if</c> and <c>with</c>
/// see params, nodes and run; <c>item</c> and <c>index</c> exist only in mapped nodes; secrets only
/// in settings that send them away without recording them; phase names only in their settings.
/// </summary>
internal sealed record ExpressionRules(string Field, int NodeIndex)
{
    public static readonly ImmutableArray<string> RunMembers = ["id", "dagId", "logicalDate", "attempt"];

    public bool Params { get; init; } = true;

    public bool Nodes { get; init; } = true;

    public bool Items { get; init; }

    public bool Secrets { get; init; }

    /// <summary>What the field is, when it explains why a name is missing (a foreach computes its own items).</summary>
    public bool IsForeach { get; init; }

    public ImmutableArray<string> Phases { get; init; } = [];

    /// <summary>The names this place may read, for suggestions.</summary>
    public IEnumerable<string> Roots()
    {
        if (Params)
        {
            yield return "params";
        }

        if (Nodes)
        {
            yield return "nodes";
        }

        yield return "run";
        if (Secrets)
        {
            yield return "secrets";
        }

        if (Items)
        {
            yield return "item";
            yield return "index";
        }

        foreach (var phase in Phases)
        {
            yield return phase;
        }
    }
}
