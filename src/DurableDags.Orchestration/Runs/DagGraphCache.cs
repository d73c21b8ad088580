using System.Collections.Concurrent;
using DurableDags.Core.Loading;
using DurableDags.Core.Planning;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// Parsed DAG versions by content hash, shared by every generation and replay of every run in the
/// process (the definition itself comes from <see cref="StoredDagCache"/>). Safe for replay: a hash names one immutable source, so the cached graph is exactly what
/// parsing again would give. Parsing a 10,000-node file takes most of a second, and a large run
/// continues as new many times.
/// </summary>
internal static class DagGraphCache
{
    private const int Capacity = 64;
    private static readonly ConcurrentDictionary<string, DagGraph> Graphs = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">The source no longer loads, or its graph is not a DAG.</exception>
    public static DagGraph Get(string dagHash, string sourceFile, string source)
    {
        if (Graphs.TryGetValue(dagHash, out var graph))
        {
            return graph;
        }

        // Validated with the host's full catalog when stored; the definition is shared with the
        // activities and the API of this process, so a version is parsed once here.
        var dag = StoredDagCache.GetOrLoad(dagHash, sourceFile, source)
            ?? throw new ArgumentException($"the stored source of {sourceFile} no longer loads");
        graph = DagGraph.Build(dag);
        if (Graphs.Count >= Capacity)
        {
            Graphs.Clear();
        }

        return Graphs.GetOrAdd(dagHash, graph);
    }
}
