using System.Text.Json;
using DurableDags.Core.States;
using DurableDags.Engine.Operators.Waits;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Handlers;

/// <summary>
/// Records who sent an event, and when, on each node of the run waiting for it that the sender may
/// decide (an approval's decision; a node whose approvers exclude the sender ignores the event and
/// waits on). Written before the event is delivered, so the engine's own writes of the node, which
/// read the record first, keep it.
/// </summary>
public sealed class ApprovalDecisions(ICheckpointStore store, TimeProvider time)
{
    public async Task RecordAsync(RunRecord run, string eventName, JsonElement payload, EventSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(sender);
        var decision = new NodeDecision
        {
            Event = eventName,
            By = sender.Name,
            At = time.GetUtcNow(),
            Approved = !(payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("approved", out var approved) && approved.ValueKind == JsonValueKind.False),
            Reason = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
        };
        foreach (var node in await store.ListNodesAsync(run.DagId, run.RunId, cancellationToken).ConfigureAwait(false))
        {
            if (node.State == NodeState.Waiting && WaitsFor(node, eventName) && sender.MayDecide(ApproversOf(node)))
            {
                await DecideAsync(node, decision, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool WaitsFor(NodeRecord node, string eventName) =>
        node.Wait is { ValueKind: JsonValueKind.Object } wait && wait.TryGetProperty("event", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == eventName;

    /// <summary>The approvers the waiting node stated; an expression that gave none leaves the list empty (anyone).</summary>
    private static List<string> ApproversOf(NodeRecord node) =>
        node.Wait is { ValueKind: JsonValueKind.Object } wait && wait.TryGetProperty("approvers", out var approvers) && approvers.ValueKind == JsonValueKind.Array
            ? [.. approvers.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)]
            : [];

    private async Task DecideAsync(NodeRecord node, NodeDecision decision, CancellationToken cancellationToken)
    {
        while (await store.GetNodeAsync(node.DagId, node.RunId, node.Instance, cancellationToken).ConfigureAwait(false) is { } current
            && current.Value.State == NodeState.Waiting)
        {
            if (await store.PutNodeAsync(current.Value with { Decision = decision }, current.ETag, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }
    }
}
