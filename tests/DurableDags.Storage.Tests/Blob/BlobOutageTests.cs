using System.Text;
using DurableDags.Storage.Blob;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Outages;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Storage.Tests.Blob;

/// <summary>A real Azurite stopped and started again on its port and data: the store's calls while it is away.</summary>
public sealed class BlobOutageTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private BlobObjectStore _store = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartNewAsync(persistent: true);
        _store = await BlobObjectStore.ConnectAsync(new BlobStoreOptions { ConnectionString = _azurite.ConnectionString });
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Every_call_fails_as_unavailable_while_the_service_is_down_and_the_data_is_there_after()
    {
        var etag = (await _store.PutAsync("a/b.json", Bytes("1"))).ETag;
        await _azurite.StopAsync();

        Func<Task>[] calls =
        [
            () => _store.GetAsync("a/b.json"),
            () => _store.PutAsync("a/b.json", Bytes("2"), etag),
            () => _store.TryCreateAsync("a/c.json", Bytes("3")),
            () => _store.DeleteAsync("a/b.json"),
            () => _store.ListAsync("a/"),
        ];
        foreach (var call in calls)
        {
            var e = await Assert.ThrowsAsync<StorageUnavailableException>(call);
            Assert.Contains("Blob storage at http://127.0.0.1:", e.Message, StringComparison.Ordinal);
        }

        await _azurite.StartAsync();
        var stored = await _store.GetAsync("a/b.json");
        Assert.Equal("1", Encoding.UTF8.GetString(stored!.Content.Span));
    }

    [Fact]
    public async Task A_write_retried_until_available_lands_once_the_service_is_back()
    {
        await _azurite.StopAsync();
        var failures = 0;
        var write = StorageRetry.UntilAvailableAsync(
            ct => _store.TryCreateAsync("held/result.json", Bytes("kept"), ct), (_, n) => Volatile.Write(ref failures, n), CancellationToken.None);

        await PollAsync(() => Volatile.Read(ref failures) >= 2);
        Assert.False(write.IsCompleted);
        await _azurite.StartAsync();

        Assert.True((await write.WaitAsync(TimeSpan.FromSeconds(30))).Succeeded);
        Assert.Equal("kept", Encoding.UTF8.GetString((await _store.GetAsync("held/result.json"))!.Content.Span));
    }

    private static async Task PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(20);
        }
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
