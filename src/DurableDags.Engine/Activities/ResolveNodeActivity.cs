using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;
using DurableDags.Core.States;
using DurableDags.Storage.Nodes;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Engine.Activities;

/// <summary>
/// <see cref="DagActivityNames.ResolveNode"/>: evaluates a node's <c>if</c>, or its
/// <c>foreach</c> list and the <c>if</c> of every item, against its upstreams' outputs.
/// An expression that fails is answered as an error, which fails the node.
/// </summary>
public sealed class ResolveNodeActivity(ICheckpointStore store, DagVersionCache dags, RunRecordCache runs, NodeScopeBuilder scopes)
{
    public async Task<ResolveNodeResult> RunAsync(ResolveNodeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var node = await dags.GetNodeAsync(input.DagId, input.DagHash, input.NodeId, cancellationToken).ConfigureAwait(false);
        var run = await runs.GetAsync(input.DagId, input.RunId, cancellationToken).ConfigureAwait(false);
        try
        {
            var scope = await scopes.BuildAsync(run, node, attempt: 1, input.Upstreams, cancellationToken).ConfigureAwait(false);
            if (node.Foreach is null)
            {
                return new ResolveNodeResult(NodeScopeBuilder.EvaluateIf(node, scope), null, null);
            }

            var items = NodeScopeBuilder.EvaluateForeach(node, scope);
            var runs = new bool[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                runs[i] = NodeScopeBuilder.EvaluateIf(node, NodeScopeBuilder.WithItem(scope, items[i], i));
            }

            // Written before the answer, so downstream nodes can always find every instance.
            await new NodeRecordWriter(store, input.DagId, input.RunId, new NodeInstance(node.Id)).UpdateAsync(
                r => r with { MapCount = items.Count, Items = ItemTexts(items), State = items.Count == 0 ? r.State : NodeState.Running }, cancellationToken).ConfigureAwait(false);
            return new ResolveNodeResult(true, [.. runs], null);
        }
        catch (ExpressionException ex)
        {
            return new ResolveNodeResult(false, null, $"node '{node.Id}': {ex.Message}");
        }
    }

    // Read by people, inserted as text: no escaping of accents or of HTML characters.
    private static readonly JsonSerializerOptions ItemJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The items as the UI lists the instances: short JSON text each, the first ones only.</summary>
    private static List<string> ItemTexts(IEnumerable<JsonNode?> items) =>
        [.. items.Take(NodeRecord.ItemsKept).Select(item =>
        {
            var text = item?.ToJsonString(ItemJson) ?? "null";
            return text.Length <= NodeRecord.ItemTextLimit ? text : string.Concat(text.AsSpan(0, NodeRecord.ItemTextLimit - 1), "…");
        })];
}
