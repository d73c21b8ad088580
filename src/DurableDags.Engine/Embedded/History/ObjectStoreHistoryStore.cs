using System.Runtime.CompilerServices;
using System.Text.Json;
using DurableDags.Engine.Embedded.Runtime;
using DurableDags.Storage.Objects;

namespace DurableDags.Engine.Embedded.History;

/// <summary>
/// Orchestration history over an object store (a folder or Blob Storage), laid out as
/// <c>orchestrations/instances/{id}/instance.json</c>, <c>.../history/{generation}/{firstIndex}.json</c>
/// (one object per turn, append-only), <c>.../inbox/{messageId}.json</c>,
/// <c>orchestrations/active/{id}</c> for the instances to resume, which also holds the lease of the
/// engine that drives one: an instance's start writes one object for both, its end deletes one.
/// </summary>
public sealed class ObjectStoreHistoryStore(IObjectStore objects) : IOrchestrationHistoryStore
{
    private const string Root = "orchestrations";

    public async Task<OrchestrationInstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        await objects.GetAsync(InstanceKey(instanceId), cancellationToken).ConfigureAwait(false) is { } stored
            ? Read<OrchestrationInstanceRecord>(stored)
            : null;

    public Task SaveInstanceAsync(OrchestrationInstanceRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return objects.PutAsync(InstanceKey(record.InstanceId), Write(record), cancellationToken: cancellationToken);
    }

    public async Task SetActiveAsync(string instanceId, bool active, CancellationToken cancellationToken)
    {
        var key = ActiveKey(instanceId);
        if (active)
        {
            // A mark that exists is kept, with the lease it may hold.
            await objects.TryCreateAsync(key, Array.Empty<byte>(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await objects.DeleteAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<string> ListActiveAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = $"{Root}/active/";
        await foreach (var key in ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            yield return key[prefix.Length..];
        }
    }

    public Task AppendHistoryAsync(string instanceId, int generation, int firstIndex, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken) =>
        objects.PutAsync($"{HistoryPrefix(instanceId, generation)}{firstIndex:D9}.json", Write(events), cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string instanceId, int generation, CancellationToken cancellationToken)
    {
        var events = new List<HistoryEvent>();
        await foreach (var key in ListAsync(HistoryPrefix(instanceId, generation), cancellationToken).ConfigureAwait(false))
        {
            var chunk = await objects.GetAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"History chunk '{key}' vanished while it was read.");
            events.AddRange(Read<List<HistoryEvent>>(chunk));
        }

        return events;
    }

    public async Task DeleteHistoryAsync(string instanceId, int generation, CancellationToken cancellationToken)
    {
        // A generation's chunks go together and in no order: on Blob Storage, one by one was one
        // round trip per chunk on the path from one generation to the next.
        var chunks = await ListAsync(HistoryPrefix(instanceId, generation), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (key, ct) => await objects.DeleteAsync(key, cancellationToken: ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public Task AddInboxMessageAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return objects.PutAsync(InboxKey(instanceId, message.Id), Write(message), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<InboxMessage>> ReadInboxAsync(string instanceId, CancellationToken cancellationToken)
    {
        var messages = new List<InboxMessage>();
        await foreach (var key in ListAsync($"{InstancePrefix(instanceId)}inbox/", cancellationToken).ConfigureAwait(false))
        {
            if (await objects.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                messages.Add(Read<InboxMessage>(stored));
            }
        }

        return messages;
    }

    public Task DeleteInboxMessageAsync(string instanceId, string messageId, CancellationToken cancellationToken) =>
        objects.DeleteAsync(InboxKey(instanceId, messageId), cancellationToken: cancellationToken);

    public async Task<StoredLease?> GetLeaseAsync(string instanceId, CancellationToken cancellationToken) =>
        await objects.GetAsync(ActiveKey(instanceId), cancellationToken).ConfigureAwait(false) is { } stored
            ? new StoredLease(stored.Content.IsEmpty ? InstanceLease.None : Read<InstanceLease>(stored), stored.ETag)
            : null;

    public async Task<string?> WriteLeaseAsync(string instanceId, InstanceLease lease, string? ifMatch, CancellationToken cancellationToken)
    {
        var key = ActiveKey(instanceId);
        var written = ifMatch is null
            ? await objects.TryCreateAsync(key, Write(lease), cancellationToken).ConfigureAwait(false)
            : await objects.PutAsync(key, Write(lease), ifMatch, cancellationToken).ConfigureAwait(false);
        return written.ETag;
    }

    public Task ReleaseLeaseAsync(string instanceId, string ifMatch, CancellationToken cancellationToken) =>
        objects.PutAsync(ActiveKey(instanceId), Array.Empty<byte>(), ifMatch, cancellationToken);

    private async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var page = await objects.ListAsync(prefix, after, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var key in page.Keys)
            {
                yield return key;
            }

            after = page.NextStartAfter;
        }
        while (after is not null);
    }

    private static string InstancePrefix(string instanceId) => $"{Root}/instances/{Segment(instanceId)}/";

    private static string InstanceKey(string instanceId) => $"{InstancePrefix(instanceId)}instance.json";

    private static string HistoryPrefix(string instanceId, int generation) => $"{InstancePrefix(instanceId)}history/{generation:D6}/";

    private static string ActiveKey(string instanceId) => $"{Root}/active/{Segment(instanceId)}";

    private static string InboxKey(string instanceId, string messageId) =>
        $"{InstancePrefix(instanceId)}inbox/{ObjectKey.RequireSegment(messageId, "messageId")}.json";

    private static string Segment(string instanceId) => ObjectKey.RequireSegment(instanceId, "instanceId");

    private static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, OrchestrationCatalog.Json);

    private static T Read<T>(StoredObject stored) => JsonSerializer.Deserialize<T>(stored.Content.Span, OrchestrationCatalog.Json)!;
}
