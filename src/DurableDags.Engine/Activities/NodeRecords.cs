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
            if (current is null)
            {
                await store.PutNodeAsync(record, null, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (await store.PutNodeAsync(record, current.ETag, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }
    }
}
