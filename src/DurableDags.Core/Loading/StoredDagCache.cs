using System.Collections.Concurrent;
using DurableDags.Core.Definitions;
using DurableDags.Core.Operators;

namespace DurableDags.Core.Loading;

/// <summary>
/// Parsed definitions of stored DAG versions by content hash, one parse per process for all who
/// read them: the API's upload, the triggers, the activities and the orchestrator (which runs in
/// the same process on both hosts). A hash names one immutable source, so the cached definition is
/// exactly what parsing again would give; a 10,000-node file takes most of a second to parse, and
/// before this cache a new version was parsed three times before its first run's first node ran.
/// </summary>
/// <remarks>
/// Only the definition is kept, not the diagnostics: stored versions were validated with the
/// host's full catalog when they were stored, and the catalog plays no part in the definition
/// itself. The source locations in a definition name the file of its first parse.
/// </remarks>
public static class StoredDagCache
{
    /// <summary>Versions kept; past it the cache starts over, which costs one parse per version in use.</summary>
    public const int Capacity = 64;

    private static readonly ConcurrentDictionary<string, DagDefinition> Dags = new(StringComparer.Ordinal);

    /// <summary>The definition of version <paramref name="hash"/> if this process parsed it already.</summary>
    public static DagDefinition? Find(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Dags.TryGetValue(hash, out var dag) ? dag : null;
    }

    /// <summary>
    /// The definition of version <paramref name="hash"/>, parsed from <paramref name="source"/>
    /// (the version's stored text) unless it was already.
    /// </summary>
    /// <returns>Null when the source does not load at all (not cached, so a later call reports it again).</returns>
    public static DagDefinition? GetOrLoad(string hash, string sourceFile, string source)
    {
        if (Find(hash) is { } cached)
        {
            return cached;
        }

        return DagLoader.Load(sourceFile, source, OperatorCatalog.BuiltIn).Dag is { } dag ? Remember(hash, dag) : null;
    }

    /// <summary>
    /// Keeps a definition parsed from exactly the bytes stored under <paramref name="hash"/>, such
    /// as the one an upload validated; the first one kept wins.
    /// </summary>
    public static DagDefinition Remember(string hash, DagDefinition dag)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(dag);
        if (Dags.Count >= Capacity)
        {
            Dags.Clear();
        }

        return Dags.GetOrAdd(hash, dag);
    }
}
