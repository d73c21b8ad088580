using System.Collections.Immutable;

namespace DurableDags.Core.Loading;

/// <summary>
/// The keys a DAG file may use at each level, in the order messages list them. One list, read by
/// the loader (unknown keys and their suggestions) and checked against the JSON Schema by a
/// test, so the two cannot drift apart.
/// </summary>
internal static class DagKeys
{
    /// <summary>Lets JSON files name their schema for editors; the loader ignores its value.</summary>
    public const string Schema = "$schema";

    public static ImmutableArray<string> TopLevel { get; } =
        ["id", "description", "schedule", "timezone", "start", "catchup", "maxActiveRuns", "maxParallelNodes", "params", "defaults", "alerts", "deadline", "nodes", Schema];

    public static ImmutableArray<string> Policy { get; } = ["retries", "retryDelay", "retryBackoff", "maxRetryDelay", "timeout"];

    public static ImmutableArray<string> Node { get; } = ["type", "description", "needs", "with", "trigger", "if", "foreach", "alerts", "deadline", .. Policy];

    public static ImmutableArray<string> Deadline { get; } = ["after", "within"];

    public static ImmutableArray<string> Param { get; } = ["type", "default", "description", "enum"];
}
