using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;

namespace DurableDags.Engine.Activities;

/// <summary>
/// Read-modify-write of one node record on its ETag, so the activity that stores an output and
/// the one that records states never undo each other.
/// </summary>
internal static class NodeRecords
{
    public static async Task UpdateAsync(ICheckpointStore store, string dagId, string runId, NodeInstance instance,
        Func<NodeRecord, NodeRecord> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await store.GetNodeAsync(dagId, runId, instance, cancellationToken).ConfigureAwait(false);
            var record = change(current?.Value ?? new NodeRecord { DagId = dagId, RunId = runId, NodeId = instance.NodeId, MapIndex = instance.MapIndex });
            // A first write is create-only too: two writers that both found no record must not
            // overwrite each other; the loser reads the winner's record and applies its change again.
            var written = current is null
                ? await store.CreateNodeAsync(record, cancellationToken).ConfigureAwait(false)
                : await store.PutNodeAsync(record, current.ETag, cancellationToken).ConfigureAwait(false);
            if (written is not null)
            {
                return;
            }
        }
    }
}
