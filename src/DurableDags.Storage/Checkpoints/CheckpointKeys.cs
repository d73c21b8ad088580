using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Checkpoints;

/// <summary>
/// The key layout of a checkpoint store (docs/storage.md describes it). Every id passes
/// <see cref="ObjectKey.RequireSegment"/> here, so no id can add a folder to a key.
/// </summary>
public static class CheckpointKeys
{
    /// <summary>Durable timers of the embedded engine, used through <see cref="IObjectStore"/> directly.</summary>
    public const string Timers = "engine/timers/";

    /// <summary>External events (approvals, cancels) waiting to be delivered to a run.</summary>
    public const string Events = "engine/events/";

    /// <summary>The embedded engine's per-orchestration state.</summary>
    public const string Instances = "engine/instances/";

    internal const string DagEntries = "registry/";

    internal static string DagEntry(string dagId) => $"{DagEntries}{Dag(dagId)}.json";

    internal static string DagSource(string dagId, string hash) => $"dags/{Dag(dagId)}/versions/{Hash(hash)}.yaml";

    internal static string DagVersionByHash(string dagId, string hash) => $"dags/{Dag(dagId)}/versions/{Hash(hash)}.json";

    internal static string DagHistoryPrefix(string dagId) => $"dags/{Dag(dagId)}/history/";

    /// <summary>Every version and the history of one DAG.</summary>
    internal static string DagFolder(string dagId) => $"dags/{Dag(dagId)}/";

    /// <summary>Numbered from the top, so that an ordinal listing is newest first.</summary>
    internal static string DagHistory(string dagId, int version) =>
        $"{DagHistoryPrefix(dagId)}{(int.MaxValue - version).ToString("D10", CultureInfo.InvariantCulture)}.json";

    internal static string Run(string dagId, string runId) => $"{RunFolder(dagId, runId)}run.json";

    internal static string NodesPrefix(string dagId, string runId) => $"{RunFolder(dagId, runId)}nodes/";

    internal static string Node(string dagId, string runId, NodeInstance node) => $"{NodesPrefix(dagId, runId)}{node.ToKeySegment()}.json";

    internal static string Output(string dagId, string runId, NodeInstance node) => $"{RunFolder(dagId, runId)}outputs/{node.ToKeySegment()}.json";

    /// <summary>Whether <paramref name="key"/> is <c>runs/{dagId}/{any run}/outputs/{instance}.json</c>.</summary>
    internal static bool IsOutputOfDag(string key, string dagId)
    {
        var parts = key.Split('/');
        return parts.Length == 5 && parts[0] == "runs" && parts[1] == Dag(dagId) && parts[3] == "outputs"
            && ObjectKey.IsValidSegment(parts[2]) && ObjectKey.IsValidSegment(parts[4]) && parts[4].EndsWith(".json", StringComparison.Ordinal);
    }

    internal static string AttemptsPrefix(string dagId, string runId, NodeInstance node) => $"{RunFolder(dagId, runId)}attempts/{node.ToKeySegment()}/";

    internal static string Attempt(string dagId, string runId, NodeInstance node, int attempt) =>
        $"{AttemptsPrefix(dagId, runId, node)}{Number(attempt, 1, 9999, "attempt"):D4}.json";

    internal static string LogPrefix(string dagId, string runId, NodeInstance node, int attempt) =>
        $"{RunFolder(dagId, runId)}logs/{node.ToKeySegment()}/{Number(attempt, 1, 9999, "attempt"):D4}/";

    internal static string LogChunk(string dagId, string runId, NodeInstance node, int attempt, int sequence) =>
        $"{LogPrefix(dagId, runId, node, attempt)}{Number(sequence, 0, 999_999, "sequence"):D6}.txt";

    internal static string RunIndexPrefix(string dagId) => $"run-index/{Dag(dagId)}/";

    /// <summary>Inverted creation time first, so that an ordinal listing is newest first.</summary>
    internal static string RunIndexName(DateTimeOffset createdAt, string runId) => $"{InvertedTicks(createdAt)}-{Id(runId, "runId")}";

    internal static string InvertedTicks(DateTimeOffset at) =>
        (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    internal static string ActivePrefix(string? dagId) => dagId is null ? "active/" : $"active/{Dag(dagId)}/";

    internal static string Active(string dagId, string runId) => $"{ActivePrefix(dagId)}{Id(runId, "runId")}";

    /// <summary>Idempotency keys are any text a client sends, so they are hashed into the key.</summary>
    internal static string Idempotency(string dagId, string idempotencyKey) =>
        $"idempotency/{Dag(dagId)}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))}.json";

    internal static string RunFolder(string dagId, string runId) => $"runs/{Dag(dagId)}/{Id(runId, "runId")}/";

    private static string Dag(string dagId) => Id(dagId, "dagId");

    private static string Id(string id, string role) => ObjectKey.RequireSegment(id, role);

    private static string Hash(string hash) =>
        hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower) ? hash : throw new ArgumentException($"'{hash}' is not a DAG version hash (64 lowercase hex digits).", nameof(hash));

    private static int Number(int value, int min, int max, string role) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(role, value, $"{role} must be from {min} to {max}.");
}
