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
                r => r with { MapCount = items.Count, State = items.Count == 0 ? r.State : NodeState.Running }, cancellationToken).ConfigureAwait(false);
            return new ResolveNodeResult(true, [.. runs], null);
        }
        catch (ExpressionException ex)
        {
            return new ResolveNodeResult(false, null, $"node '{node.Id}': {ex.Message}");
        }
    }
}
