using System.Collections.Frozen;
using System.Collections.Immutable;

namespace DurableDags.Core.Alerts;

/// <summary>The keys of <c>alerts</c> and the kinds they name, at the DAG level and on a node.</summary>
public static class AlertKinds
{
    private static readonly FrozenDictionary<string, AlertKind> ByKey = new Dictionary<string, AlertKind>(StringComparer.Ordinal)
    {
        ["onRunFailed"] = AlertKind.RunFailed,
        ["onNodeFailed"] = AlertKind.NodeFailed,
        ["onRetry"] = AlertKind.Retry,
        ["onSuccess"] = AlertKind.Success,
        ["onRecovery"] = AlertKind.Recovery,
        ["onDeadlineMissed"] = AlertKind.DeadlineMissed,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static ImmutableArray<string> DagKeys { get; } = ["onRunFailed", "onNodeFailed", "onRetry", "onSuccess", "onRecovery", "onDeadlineMissed"];

    /// <summary>A node alerts only on what happens to the node itself.</summary>
    public static ImmutableArray<string> NodeKeys { get; } = ["onNodeFailed", "onRetry", "onDeadlineMissed"];

    public static bool TryParse(string key, out AlertKind kind) => ByKey.TryGetValue(key, out kind);

    public static string KeyOf(AlertKind kind) => kind switch
    {
        AlertKind.RunFailed => "onRunFailed",
        AlertKind.NodeFailed => "onNodeFailed",
        AlertKind.Retry => "onRetry",
        AlertKind.Success => "onSuccess",
        AlertKind.DeadlineMissed => "onDeadlineMissed",
        _ => "onRecovery",
    };
}
