using DurableDags.Engine.Activities;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;

namespace DurableDags.Engine.Tests.Activities;

public sealed class NodeRecordWriterTests : IDisposable
{
    private const int Writers = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("dd-node-records-").FullName;

    [Fact]
    public async Task Writers_that_all_find_no_record_yet_lose_none_of_their_changes()
    {
        // Every writer's first read finds no record, as when the step activity and the state
        // recorder handle a node's first events at once; only then may any of them write.
        var objects = new FirstReadsTogether(new FolderObjectStore(_folder), Writers);
        var store = new CheckpointStore(objects, new CheckpointStoreOptions());
        var instance = new NodeInstance("train");

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() =>
            new NodeRecordWriter(store, "dag", "run", instance).UpdateAsync(r => r with { Attempts = r.Attempts + 1 }, CancellationToken.None))));

        var stored = await store.GetNodeAsync("dag", "run", instance);
        Assert.Equal(Writers, stored!.Value.Attempts);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The real folder store, with its first reads held until all of them have been made.</summary>
    private sealed class FirstReadsTogether(IObjectStore inner, int readers) : IObjectStore
    {
        private readonly TaskCompletionSource _allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public async Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            var read = await inner.GetAsync(key, cancellationToken);
            var order = Interlocked.Increment(ref _reads);
            if (order == readers)
            {
                _allRead.SetResult();
            }

            if (order <= readers)
            {
                await _allRead.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return read;
        }

        public Task<WriteResult> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
            inner.TryCreateAsync(key, content, cancellationToken);

        public Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.PutAsync(key, content, ifMatch, cancellationToken);

        public Task<bool> DeleteAsync(string key, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(key, ifMatch, cancellationToken);

        public Task<ObjectPage> ListAsync(string prefix, string? startAfter = null, int limit = ObjectPage.MaxLimit, CancellationToken cancellationToken = default) =>
            inner.ListAsync(prefix, startAfter, limit, cancellationToken);
    }
}
