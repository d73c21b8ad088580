using System.Collections.Immutable;
using DurableDags.Core.Loading;

namespace DurableDags.Core.Validation;

/// <summary>
/// Which top-level names an expression may read where it is written: <c>if</c> and <c>with</c>
/// see params, nodes, run and vars; <c>item</c> and <c>index</c> exist only in mapped nodes; secrets only
/// in settings that send them away without recording them; phase names only in their settings.
/// </summary>
/// <param name="Field">How messages name the field, such as <c>'if' of node 'load'</c>.</param>
/// <param name="NodeIndex">The node the expression belongs to; -1 for a param default.</param>
/// <param name="Place">Pointer segments of the field; <see cref="Inner"/> follows inside its value.</param>
internal sealed record ExpressionRules(FieldName Field, int NodeIndex, IReadOnlyList<string> Place)
{
    public static readonly ImmutableArray<string> RunMembers = ["id", "dagId", "logicalDate", "attempt"];

    public bool Params { get; init; } = true;

    public bool Nodes { get; init; } = true;

    /// <summary>Host variables (<c>vars.NAME</c>): in node fields, not in param defaults, which are bound before any host reads them.</summary>
    public bool Vars { get; init; } = true;

    public bool Items { get; init; }

    public bool Secrets { get; init; }

    /// <summary>What the field is, when it explains why a name is missing (a foreach computes its own items).</summary>
    public bool IsForeach { get; init; }

    public ImmutableArray<string> Phases { get; init; } = [];

    /// <summary>Segments inside the field's value, for a string deep in <c>with</c>.</summary>
    public IReadOnlyList<string> Inner { get; init; } = [];

    /// <summary>The JSON Pointer of the string; built only for a message, as most strings have none.</summary>
    public string Pointer() => SourceMap.Pointer([.. Place, .. Inner]);

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
        if (Vars)
        {
            yield return "vars";
        }

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
