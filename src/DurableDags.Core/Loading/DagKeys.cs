using System.Collections.Frozen;

namespace DurableDags.Core.Loading;

/// <summary>
/// The keys a DAG file may use at each level. One list, read by the loader (unknown keys and their
/// suggestions) and checked against the JSON Schema by a test, so the two cannot drift apart.
/// </summary>
internal static class DagKeys
{
    /// <summary>Lets JSON files name their schema for editors; the loader ignores its value.</summary>
    public const string Schema = "$schema";

    public static FrozenSet<string> TopLevel { get; } = Set(
        "id", "description", "schedule", "timezone", "start", "catchup", "maxActiveRuns", "maxParallelNodes",
        "params", "defaults", "nodes", Schema);

    public static FrozenSet<string> Policy { get; } = Set("retries", "retryDelay", "retryBackoff", "maxRetryDelay", "timeout");

    public static FrozenSet<string> Node { get; } = Set(
        [.. Policy, "type", "description", "needs", "with", "trigger", "if", "foreach"]);

    public static FrozenSet<string> Param { get; } = Set("type", "default", "description", "enum");

    private static FrozenSet<string> Set(params string[] keys) => keys.ToFrozenSet(StringComparer.Ordinal);
}
