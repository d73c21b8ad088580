using System.Collections.Immutable;

namespace DurableDags.Core.Alerts;

/// <summary>
/// The <c>alerts</c> of a DAG or of one node: targets per kind. A node's rules override the DAG's
/// kind by kind; <see cref="Silenced"/> (<c>alerts: false</c>) turns every alert of the node off.
/// </summary>
public sealed record AlertRules
{
    public static AlertRules None { get; } = new();

    /// <summary>A node's <c>alerts: false</c>.</summary>
    public static AlertRules Off { get; } = new() { Silenced = true };

    public bool Silenced { get; init; }

    public ImmutableDictionary<AlertKind, ImmutableArray<AlertTarget>> Targets { get; init; } =
        ImmutableDictionary<AlertKind, ImmutableArray<AlertTarget>>.Empty;

    public bool IsEmpty => Targets.IsEmpty;

    /// <summary>
    /// The targets of <paramref name="kind"/> for a node with <paramref name="node"/> rules (null:
    /// it has none of its own) in a DAG with <paramref name="dag"/> rules.
    /// </summary>
    public static ImmutableArray<AlertTarget> Resolve(AlertRules dag, AlertRules? node, AlertKind kind)
    {
        ArgumentNullException.ThrowIfNull(dag);
        if (node is { Silenced: true })
        {
            return [];
        }

        if (node is not null && node.Targets.TryGetValue(kind, out var own))
        {
            return own;
        }

        return dag.Targets.TryGetValue(kind, out var inherited) ? inherited : [];
    }
}
