using System.Collections.Concurrent;
using DurableDags.Core.Definitions;
using DurableDags.Core.Loading;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Engine.Activities;

/// <summary>
/// Parsed DAG versions by content hash. A version never changes once stored, so every activity
/// of every run of it shares one parse.
/// </summary>
public sealed class DagVersionCache(ICheckpointStore store)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<DagDefinition>>> _dags = new(StringComparer.Ordinal);

    public Task<DagDefinition> GetAsync(string dagId, string hash, CancellationToken cancellationToken) =>
        _dags.GetOrAdd($"{dagId}/{hash}", _ => new Lazy<Task<DagDefinition>>(() => LoadAsync(dagId, hash, cancellationToken))).Value;

    public async Task<NodeDefinition> GetNodeAsync(string dagId, string hash, string nodeId, CancellationToken cancellationToken) =>
        (await GetAsync(dagId, hash, cancellationToken).ConfigureAwait(false)).FindNode(nodeId)
        ?? throw new InvalidOperationException($"DAG '{dagId}' version {hash} has no node '{nodeId}'.");

    /// <summary>The stored source of a version.</summary>
    public async Task<string> ReadSourceAsync(string dagId, string hash, CancellationToken cancellationToken) =>
        await store.GetDagSourceAsync(dagId, hash, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"DAG '{dagId}' has no stored version {hash}.");

    private async Task<DagDefinition> LoadAsync(string dagId, string hash, CancellationToken cancellationToken)
    {
        // Parsed already by this process (its upload, or the orchestrator): the source is not even read.
        if (StoredDagCache.Find(hash) is { } parsed)
        {
            return parsed;
        }

        var source = await ReadSourceAsync(dagId, hash, cancellationToken).ConfigureAwait(false);
        try
        {
            // Validated against the host's catalog when stored; only the definition is needed here.
            return StoredDagCache.GetOrLoad(hash, $"{dagId}.yaml", source)
                ?? throw new InvalidOperationException($"DAG '{dagId}' version {hash} no longer loads.");
        }
        catch
        {
            _dags.TryRemove($"{dagId}/{hash}", out _);
            throw;
        }
    }
}
