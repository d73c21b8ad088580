using System.Text.Json;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Storage.Nodes;

/// <summary>
/// Node and attempt records, one small object each, and outputs too large to sit inline. A node
/// event rewrites one record of a few hundred bytes, never the run, so a run of V nodes writes
/// O(V) bytes in all instead of O(V²).
/// </summary>
internal sealed class NodeCheckpoints(RecordStore records, int inlineOutputLimit)
{
    public async Task<string?> PutNodeAsync(NodeRecord node, string? ifMatch, CancellationToken cancellationToken)
    {
        var (key, stored) = await PrepareAsync(node, cancellationToken).ConfigureAwait(false);
        return await records.PutAsync(key, stored, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> CreateNodeAsync(NodeRecord node, CancellationToken cancellationToken)
    {
        var (key, stored) = await PrepareAsync(node, cancellationToken).ConfigureAwait(false);
        return await records.TryCreateAsync(key, stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The record as stored: a large output moves to its own object, written first.</summary>
    private async Task<(string Key, NodeRecord Stored)> PrepareAsync(NodeRecord node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var key = CheckpointKeys.Node(node.DagId, node.RunId, node.Instance);
        if (node.Output is not { } output)
        {
            return (key, node);
        }

        var bytes = records.Encode(output);
        if (bytes.Length <= inlineOutputLimit)
        {
            return (key, node with { OutputRef = null, OutputSize = bytes.Length });
        }

        // The output first: a record never names an output that is not there.
        var outputKey = CheckpointKeys.Output(node.DagId, node.RunId, node.Instance);
        await records.Objects.PutAsync(outputKey, bytes, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (key, node with { Output = null, OutputRef = outputKey, OutputSize = bytes.Length });
    }

    public Task<Versioned<NodeRecord>?> GetNodeAsync(string dagId, string runId, NodeInstance node, CancellationToken cancellationToken) =>
        records.GetAsync<NodeRecord>(CheckpointKeys.Node(dagId, runId, node), cancellationToken);

    /// <summary>Every node record of a run, found by listing the run's node folder; outputs stay by reference.</summary>
    public async Task<IReadOnlyList<NodeRecord>> ListNodesAsync(string dagId, string runId, CancellationToken cancellationToken)
    {
        var keys = await records.ListAllAsync(CheckpointKeys.NodesPrefix(dagId, runId), cancellationToken).ConfigureAwait(false);
        var nodes = await records.ReadManyAsync<NodeRecord>(keys, cancellationToken).ConfigureAwait(false);
        return [.. nodes.OfType<NodeRecord>().OrderBy(n => n.NodeId, StringComparer.Ordinal).ThenBy(n => n.MapIndex ?? -1)];
    }

    /// <summary>The node's output, inline or from its own object; null when it has none.</summary>
    public async Task<JsonElement?> ReadOutputAsync(NodeRecord node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.OutputRef is not { } outputKey)
        {
            return node.Output;
        }

        // A rerun copies kept nodes with their reference, so it may name another run of the DAG.
        if (!CheckpointKeys.IsOutputOfDag(outputKey, node.DagId))
        {
            throw new InvalidDataException($"Node '{node.Instance}' of run '{node.RunId}' refers to '{outputKey}', which is not an output of DAG '{node.DagId}'.");
        }

        var stored = await records.Objects.GetAsync(outputKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Output '{outputKey}' of node '{node.Instance}' is missing.");
        return RecordStore.Decode<JsonElement>(outputKey, stored.Content);
    }

    /// <summary>Archives an attempt that is no longer its node's latest, or copies one into a rerun.</summary>
    public async Task PutAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var key = CheckpointKeys.Attempt(attempt.DagId, attempt.RunId, attempt.Instance, attempt.Attempt);
        await records.PutAsync(key, attempt, ifMatch: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The archived attempts and the node record's latest one, which wins over an archived copy of itself.</summary>
    public async Task<IReadOnlyList<AttemptRecord>> ListAttemptsAsync(string dagId, string runId, NodeInstance node, CancellationToken cancellationToken)
    {
        var record = GetNodeAsync(dagId, runId, node, cancellationToken);
        var archived = ListArchivedAsync(dagId, runId, node, cancellationToken);
        return Merge((await record.ConfigureAwait(false))?.Value, await archived.ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<AttemptRecord>> ListAttemptsAsync(NodeRecord node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.LatestAttempt is { Number: 1 } first)
        {
            // Attempts are archived only when a later one replaces them: there is nothing to list.
            return [first.ToRecord(node)];
        }

        return Merge(node, await ListArchivedAsync(node.DagId, node.RunId, node.Instance, cancellationToken).ConfigureAwait(false));
    }

    private async Task<AttemptRecord?[]> ListArchivedAsync(string dagId, string runId, NodeInstance node, CancellationToken cancellationToken)
    {
        var keys = await records.ListAllAsync(CheckpointKeys.AttemptsPrefix(dagId, runId, node), cancellationToken).ConfigureAwait(false);
        return await records.ReadManyAsync<AttemptRecord>(keys, cancellationToken).ConfigureAwait(false);
    }

    private static List<AttemptRecord> Merge(NodeRecord? node, AttemptRecord?[] archived)
    {
        var latest = node?.LatestAttempt?.ToRecord(node);
        var merged = archived.OfType<AttemptRecord>().Where(a => a.Attempt != latest?.Attempt).ToList();
        if (latest is not null)
        {
            merged.Add(latest);
        }

        return [.. merged.OrderBy(a => a.Attempt)];
    }
}
