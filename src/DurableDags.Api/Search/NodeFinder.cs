using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;

namespace DurableDags.Api.Search;

/// <summary>
/// Lists node instances across runs: the newest runs (as <see cref="RunFinder"/> orders them) are
/// read, at most a page of them, and their node records filtered. The cost of a page is bounded
/// by the number of runs it looks at, never by how many nodes match, so a filter that matches
/// nothing still answers quickly; the cursor goes on from the last run looked at.
/// </summary>
public sealed class NodeFinder(ICheckpointStore store, RunFinder runs)
{
    public async Task<NodeSearchPage> FindAsync(string? dagId, NodeState? state, string? nodeId, int runLimit, RunSearchCursor? after, CancellationToken cancellationToken)
    {
        var page = await runs.FindAsync(new RunFilter { DagId = dagId }, runLimit, after, cancellationToken).ConfigureAwait(false);
        // The runs' node lists are independent reads: one round trip of latency for the page, not one per run.
        var lists = await Task.WhenAll(page.Runs.Select(r => store.ListNodesAsync(r.DagId, r.RunId, cancellationToken))).ConfigureAwait(false);
        var nodes = lists.SelectMany(list => list
                .Where(n => (state is null || n.State == state) && (nodeId is null || n.NodeId == nodeId))
                .OrderBy(n => n.StartedAt ?? DateTimeOffset.MaxValue)
                .ThenBy(n => n.NodeId, StringComparer.Ordinal)
                .ThenBy(n => n.MapIndex ?? -1))
            .ToList();
        return new NodeSearchPage(nodes, page.Runs.Count, page.NextCursor);
    }
}

/// <summary>The matching node records of the runs looked at, newest run first; <see cref="Next"/> goes on after them.</summary>
public sealed record NodeSearchPage(IReadOnlyList<NodeRecord> Nodes, int RunsRead, string? Next);
