using System.Security.Cryptography;
using System.Text;
using DurableDags.Api.Problems;
using DurableDags.Core.Definitions;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;
using DurableDags.Engine.Activities;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Registry;

namespace DurableDags.Api.Registry;

/// <summary>
/// The versioned DAG registry: definitions are validated with the host's operators before they are
/// stored, stored by content hash, and read back parsed through the engine's version cache (a
/// version never changes once stored).
/// </summary>
public sealed class DagRegistry(ICheckpointStore store, DagVersionCache versions, OperatorCatalog operators, EngineSecrets secrets)
{
    public ICheckpointStore Store => store;

    /// <summary>
    /// Validates <paramref name="source"/> and stores it as a new version unless it is one already.
    /// The warnings name what the DAG reads that this host lacks (secrets not set): the DAG is
    /// stored, and the nodes that read them fail until they are set.
    /// </summary>
    /// <exception cref="ApiProblemException">400 with every error of the file, each with its line and column.</exception>
    public async Task<(DagPutResult Result, IReadOnlyList<string> Warnings)> PutAsync(
        string dagId, string source, string sourceFile, CancellationToken cancellationToken)
    {
        var dag = Validate(dagId, source, sourceFile, cancellationToken);
        var result = await store.PutDagAsync(dagId, source, sourceFile, cancellationToken).ConfigureAwait(false);
        if (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source))) == result.Version.Hash)
        {
            // Stored as sent (no secret value was masked in it): the first trigger, the activities
            // and the orchestrator use this parse instead of parsing the stored text again.
            StoredDagCache.Remember(result.Version.Hash, dag);
        }

        return (result, secrets.UnsetSecretWarnings(dag));
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

    /// <summary>The definition of one version, which a run is pinned to.</summary>
    public Task<DagDefinition> GetVersionAsync(string dagId, string hash, CancellationToken cancellationToken) =>
        versions.GetAsync(dagId, hash, cancellationToken);

    /// <summary>The source of one version, as it was stored.</summary>
    public Task<string> GetSourceAsync(string dagId, string hash, CancellationToken cancellationToken) =>
        versions.ReadSourceAsync(dagId, hash, cancellationToken);

    /// <summary>Loads and validates without storing; the id in the file must be the route's.</summary>
    /// <exception cref="ApiProblemException">400 with every error of the file.</exception>
    /// <exception cref="OperationCanceledException">The caller went away while the file was read.</exception>
    public DagDefinition Validate(string dagId, string source, string sourceFile, CancellationToken cancellationToken = default)
    {
        var loaded = DagLoader.Load(sourceFile, source, operators, cancellationToken);
        var errors = loaded.Diagnostics.Select(ProblemError.From).ToList();
        var total = loaded.ErrorCount;
        if (loaded.Dag is { } parsed && parsed.Id.Length > 0 && parsed.Id != dagId)
        {
            errors.Insert(Math.Min(errors.Count, DagLimits.MaxErrors), ProblemError.From(new Core.Diagnostics.Diagnostic(
                parsed.Location, $"the file's id is '{parsed.Id}' but the route names '{dagId}'; they must be the same")));
            total++;
        }

        if (errors.Count > 0 || loaded.Dag is null)
        {
            var count = total == 1 ? "1 error" : $"{total} errors";
            throw new ApiProblemException(ApiProblem.InvalidDag($"{count} in {sourceFile}", errors));
        }

        return loaded.Dag;
    }
}
