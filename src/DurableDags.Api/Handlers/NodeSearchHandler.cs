using DurableDags.Api.Ids;
using DurableDags.Api.Json;
using DurableDags.Api.Routing;
using DurableDags.Api.Search;
using DurableDags.Api.Views;
using DurableDags.Core.States;
using DurableDags.Storage.Nodes;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary><c>GET /api/nodes</c>: the node instances of the newest runs across DAGs, such as every failed task of the last runs.</summary>
public sealed class NodeSearchHandler(NodeFinder finder)
{
    public const int DefaultRuns = 25;
    public const int MaxRuns = 100;

    public async Task<IResult> ListAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var query = new QueryParameters(call.Request);
        var runs = query.Integer("runs", 1, MaxRuns) ?? DefaultRuns;
        var dagId = query.Id("dagId", IdKind.Dag);
        var nodeId = query.Id("nodeId", IdKind.Node);
        NodeState? state = null;
        if (query.Text("state") is { } text)
        {
            if (WireNames.TryParseNodeState(text, out var parsed))
            {
                state = parsed;
            }
            else
            {
                query.Fail("state", $"'{QueryParameters.Shorten(text)}' is not one of {string.Join(", ", WireNames.All<NodeState>())}");
            }
        }

        RunSearchCursor? cursor = null;
        if (query.Text("cursor") is { } cursorText && (cursor = RunSearchCursor.TryDecode(cursorText)) is null)
        {
            query.Fail("cursor", "not a cursor of this server: pass the 'next' of a previous page unchanged");
        }

        query.ThrowIfInvalid();
        var page = await finder.FindAsync(dagId, state, nodeId, runs, cursor, call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Ok(new NodeSearchView([.. page.Nodes.Select(View)], page.RunsRead, page.Next));
    }

    private static NodeInstanceView View(NodeRecord n) =>
        new(n.DagId, n.RunId, n.NodeId, n.MapIndex, WireNames.Of(n.State), n.Attempts, n.StartedAt, n.EndedAt,
            n.StartedAt is { } start && n.EndedAt is { } end ? (long)(end - start).TotalMilliseconds : null, n.Error);
}
