using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Core.Expressions;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Activities;

/// <summary>
/// The names a node's expressions read: <c>params</c>, <c>run</c>, <c>secrets</c>, <c>vars</c>, and
/// <c>nodes.ID.output / outputs / status</c> for the nodes its expressions name, read from the
/// store (only those: a node of a 10,000-node run reads a few records, not all of them).
/// A node that reads a secret whose Key Vault reference did not resolve gets no scope: an
/// <see cref="ExpressionException"/> names the secret.
/// </summary>
public sealed class NodeScopeBuilder(ICheckpointStore store, EngineSecrets secrets, EngineVariables? variables = null)
{
    /// <param name="upstreams">States the orchestrator knows; they win over records, which may lag by a write.</param>
    public async Task<ExpressionScope> BuildAsync(RunRecord run, NodeDefinition node, int attempt,
        IEnumerable<UpstreamState> upstreams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(node);
        secrets.EnsureResolved(Referenced(node, "secrets"));
        var known = upstreams.ToDictionary(u => u.NodeId, u => u.State, StringComparer.Ordinal);
        var nodes = new JsonObject();
        foreach (var id in Referenced(node, "nodes"))
        {
            var read = await ReadNodeAsync(run, id, cancellationToken).ConfigureAwait(false);
            if (known.TryGetValue(id, out var state))
            {
                read["status"] = WireNames.Of(state);
            }

            nodes[id] = read;
        }

        return (variables ?? new EngineVariables(null)).AddTo(secrets.AddTo(new ExpressionScope()))
            .Set("params", JsonNode.Parse(run.Params.GetRawText()))
            .Set("run", new JsonObject
            {
                ["id"] = run.RunId,
                ["dagId"] = run.DagId,
                ["logicalDate"] = run.LogicalDate?.ToString("O", CultureInfo.InvariantCulture),
                ["attempt"] = attempt,
            })
            .Set("nodes", nodes);
    }

    /// <summary>Adds <c>item</c> and <c>index</c> for one instance of a mapped node.</summary>
    public static ExpressionScope WithItem(ExpressionScope scope, JsonNode? item, int index)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Set("item", item?.DeepClone()).Set("index", index);
    }

    /// <summary>The list a mapped node runs over.</summary>
    public static JsonArray EvaluateForeach(NodeDefinition node, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(node);
        var value = ExpressionTemplate.Parse(node.Foreach!).Evaluate(scope);
        return value as JsonArray ?? throw new ExpressionException(
            $"foreach of node '{node.Id}' gave {Describe(value)}, not a list");
    }

    /// <summary>The node's <c>if</c>: true or false, as operators' conditions; anything else is an error.</summary>
    public static bool EvaluateIf(NodeDefinition node, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.If is null)
        {
            return true;
        }

        var value = ExpressionTemplate.Parse(node.If).Evaluate(scope);
        return value is JsonValue v && v.TryGetValue<bool>(out var flag)
            ? flag
            : throw new ExpressionException($"if of node '{node.Id}' gave {Describe(value)}, not true or false");
    }

    private static string Describe(JsonNode? value) => value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant();

    /// <summary>The members of <paramref name="root"/> the node's expressions read, e.g. node ids of <c>nodes</c>.</summary>
    private static IEnumerable<string> Referenced(NodeDefinition node, string root)
    {
        var texts = new[] { node.If, node.Foreach }.OfType<string>().Concat(JsonTemplate.Strings(node.With).Select(s => s.Text));
        return texts
            .Select(text => ExpressionTemplate.TryParse(text, out var template, out _) ? template.References : [])
            .SelectMany(references => references)
            .Where(r => r.Root == root && r.Member is not null)
            .Select(r => r.Member!)
            .Distinct(StringComparer.Ordinal);
    }

    private async Task<JsonObject> ReadNodeAsync(RunRecord run, string nodeId, CancellationToken cancellationToken)
    {
        var record = (await store.GetNodeAsync(run.DagId, run.RunId, new NodeInstance(nodeId), cancellationToken).ConfigureAwait(false))?.Value;
        var result = new JsonObject { ["status"] = WireNames.Of(record?.State ?? NodeState.Pending) };
        if (record is null)
        {
            return result;
        }

        result["output"] = ToNode(await store.ReadOutputAsync(record, cancellationToken).ConfigureAwait(false));
        if (record.MapCount is { } count)
        {
            var outputs = new JsonArray();
            for (var i = 0; i < count; i++)
            {
                var instance = await store.GetNodeAsync(run.DagId, run.RunId, new NodeInstance(nodeId, i), cancellationToken).ConfigureAwait(false);
                if (instance?.Value is { State: NodeState.Succeeded } succeeded)
                {
                    outputs.Add(ToNode(await store.ReadOutputAsync(succeeded, cancellationToken).ConfigureAwait(false)));
                }
            }

            result["outputs"] = outputs;
        }

        return result;
    }

    internal static JsonNode? ToNode(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } value ? JsonNode.Parse(value.GetRawText()) : null;
}
