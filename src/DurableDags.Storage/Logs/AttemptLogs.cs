using System.Text;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;

namespace DurableDags.Storage.Logs;

/// <summary>
/// An attempt's log as numbered chunks, each its own object created once. Neither a folder nor
/// Blob Storage can append to an object conditionally and portably, so the writer flushes whole
/// lines as chunks while the attempt runs (readers see the log live) and a replayed chunk is
/// refused rather than doubled. Each chunk is redacted when written and the joined text again
/// when read, which also catches a secret split across two chunks.
/// </summary>
internal sealed class AttemptLogs(RecordStore records)
{
    /// <summary>False when that chunk was already written: nothing is written twice.</summary>
    public async Task<bool> AppendAsync(string dagId, string runId, NodeInstance node, int attempt, int sequence, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = CheckpointKeys.LogChunk(dagId, runId, node, attempt, sequence);
        var bytes = Encoding.UTF8.GetBytes(records.Redactor.Redact(text));
        return (await records.Objects.TryCreateAsync(key, bytes, cancellationToken).ConfigureAwait(false)).Succeeded;
    }

    /// <summary>
    /// The whole log so far: its chunks, then <paramref name="tail"/>, the part written with the
    /// attempt's end. Null when the attempt has written none.
    /// </summary>
    public async Task<string?> ReadAsync(string dagId, string runId, NodeInstance node, int attempt, string? tail, CancellationToken cancellationToken)
    {
        var keys = await records.ListAllAsync(CheckpointKeys.LogPrefix(dagId, runId, node, attempt), cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0 && tail is null)
        {
            return null;
        }

        var chunks = new string[keys.Count + 1];
        chunks[^1] = tail ?? "";
        var options = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), options, async (i, ct) =>
        {
            var stored = await records.Objects.GetAsync(keys[i], ct).ConfigureAwait(false);
            chunks[i] = stored is null ? "" : Encoding.UTF8.GetString(stored.Content.Span);
        }).ConfigureAwait(false);
        return records.Redactor.Redact(string.Concat(chunks));
    }
}
