using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;

namespace DurableDags.Engine.Activities;

/// <summary>
/// Read-modify-write of one node record on its ETag, so the activity that runs a step and the one
/// that records states never undo each other. It remembers the version it last read or wrote, so
/// a step's second write (the attempt's end after its start) needs no read; a writer that knows
/// the record cannot exist yet (a node's first attempt) skips the first read too. A change that
/// replaces the latest attempt archives the one it replaces first.
/// </summary>
internal sealed class NodeRecordWriter(ICheckpointStore store, string dagId, string runId, NodeInstance instance)
{
    private Versioned<NodeRecord>? _current;
    private bool _known;

    /// <summary>The next write is a create, with no read first; if the record exists after all, it is read then.</summary>
    public void AssumeAbsent()
    {
        _current = null;
        _known = true;
    }

    /// <summary>
    /// Applies <paramref name="change"/> until it lands on the current record. The change returns
    /// null to write nothing; the result is then the record as read.
    /// </summary>
    public async Task<NodeRecord> UpdateAsync(Func<NodeRecord, NodeRecord?> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_known)
            {
                _current = await store.GetNodeAsync(dagId, runId, instance, cancellationToken).ConfigureAwait(false);
                _known = true;
            }

            var before = _current?.Value ?? new NodeRecord { DagId = dagId, RunId = runId, NodeId = instance.NodeId, MapIndex = instance.MapIndex };
            if (change(before) is not { } next)
            {
                return before;
            }

            if (before.LatestAttempt is { } replaced && next.LatestAttempt?.Number != replaced.Number)
            {
                await store.PutAttemptAsync(replaced.ToRecord(before), cancellationToken).ConfigureAwait(false);
            }

            // A first write is create-only too: two writers that both found no record must not
            // overwrite each other; the loser reads the winner's record and applies its change again.
            var written = _current is null
                ? await store.CreateNodeAsync(next, cancellationToken).ConfigureAwait(false)
                : await store.PutNodeAsync(next, _current.ETag, cancellationToken).ConfigureAwait(false);
            if (written is not null)
            {
                _current = new Versioned<NodeRecord>(next, written);
                return next;
            }

            _known = false;
        }
    }
}
