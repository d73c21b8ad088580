using System.Collections.Concurrent;
using DurableDags.Api.Problems;
using DurableDags.Core.Definitions;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Registry;

namespace DurableDags.Api.Registry;

/// <summary>
/// The versioned DAG registry: definitions are validated before they are stored, stored by content
/// hash, and read back parsed. A version never changes once stored, so parsed versions are cached
/// by hash for as long as the process lives.
/// </summary>
public sealed class DagRegistry(ICheckpointStore store, OperatorCatalog operators)
{
    private readonly ConcurrentDictionary<(string DagId, string Hash), DagDefinition> _parsed = new();

    public ICheckpointStore Store => store;

    /// <summary>Validates <paramref name="source"/> and stores it as a new version unless it is one already.</summary>
    /// <exception cref="ApiProblemException">400 with every error of the file, each with its line and column.</exception>
    public async Task<DagPutResult> PutAsync(string dagId, string source, string sourceFile, CancellationToken cancellationToken)
    {
        var dag = Validate(dagId, source, sourceFile);
        var result = await store.PutDagAsync(dagId, source, sourceFile, cancellationToken).ConfigureAwait(false);
        _parsed.TryAdd((dagId, result.Version.Hash), dag);
        return result;
    }

    /// <summary>The parsed definition of the DAG's current version, or null for an unknown DAG.</summary>
    public async Task<RegisteredDag?> GetCurrentAsync(string dagId, CancellationToken cancellationToken)
    {
        var entry = await store.GetDagAsync(dagId, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : new RegisteredDag(entry, await GetVersionAsync(dagId, entry.Current.Hash, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every DAG with its current definition, by id.</summary>
    public async Task<IReadOnlyList<RegisteredDag>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = await store.ListDagsAsync(cancellationToken).ConfigureAwait(false);
        var dags = new List<RegisteredDag>(entries.Count);
        foreach (var entry in entries.OrderBy(e => e.DagId, StringComparer.Ordinal))
        {
            dags.Add(new RegisteredDag(entry, await GetVersionAsync(entry.DagId, entry.Current.Hash, cancellationToken).ConfigureAwait(false)));
        }

        return dags;
    }

    /// <summary>
    /// The definition of one version, which a run is pinned to. A version was valid when stored; if
    /// it no longer loads (an operator was removed from the host), that is the server's failure.
    /// </summary>
    public async Task<DagDefinition> GetVersionAsync(string dagId, string hash, CancellationToken cancellationToken)
    {
        if (_parsed.TryGetValue((dagId, hash), out var cached))
        {
            return cached;
        }

        var source = await store.GetDagSourceAsync(dagId, hash, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"DAG '{dagId}' has no stored version with hash {hash}.");
        var loaded = DagLoader.Load($"{dagId}.yaml", source, operators);
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException(
                $"Stored version {hash} of DAG '{dagId}' no longer loads: {string.Join("; ", loaded.Diagnostics)}");
        }

        return _parsed.GetOrAdd((dagId, hash), loaded.Dag!);
    }

    /// <summary>The source of one version, as it was stored.</summary>
    public async Task<string> GetSourceAsync(string dagId, string hash, CancellationToken cancellationToken) =>
        await store.GetDagSourceAsync(dagId, hash, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"DAG '{dagId}' has no stored version with hash {hash}.");

    /// <summary>Loads and validates without storing; the id in the file must be the route's.</summary>
    /// <exception cref="ApiProblemException">400 with every error of the file.</exception>
    public DagDefinition Validate(string dagId, string source, string sourceFile)
    {
        var loaded = DagLoader.Load(sourceFile, source, operators);
        var errors = loaded.Diagnostics.Select(ProblemError.From).ToList();
        if (loaded.Dag is { } parsed && parsed.Id.Length > 0 && parsed.Id != dagId)
        {
            errors.Add(ProblemError.From(new Core.Diagnostics.Diagnostic(
                parsed.Location, $"the file's id is '{parsed.Id}' but the route names '{dagId}'; they must be the same")));
        }

        if (errors.Count > 0 || loaded.Dag is null)
        {
            var count = errors.Count == 1 ? "1 error" : $"{errors.Count} errors";
            throw new ApiProblemException(ApiProblem.InvalidDag($"{count} in {sourceFile}", errors));
        }

        return loaded.Dag;
    }
}
