using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Tests.Objects;

namespace DurableDags.Storage.Tests.Folder;

public sealed class FolderObjectStoreTests : ObjectStoreContractTests
{
    private readonly TempFolder _folder = new();

    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new FolderObjectStore(_folder.Root));

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    protected override Task AssertNothingEscapedAsync()
    {
        Assert.Equal([_folder.Root], Directory.EnumerateFileSystemEntries(_folder.Parent));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_stores_on_one_folder_never_lose_an_increment()
    {
        // Two instances share nothing in memory: only the lock files order them, as for two processes.
        var stores = new[] { new FolderObjectStore(_folder.Root), new FolderObjectStore(_folder.Root) };
        await stores[0].PutAsync("counter.json", Bytes("0"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() => IncrementAsync(stores[w % 2], "counter.json", times: 25))));

        Assert.Equal("200", Text(await stores[1].GetAsync("counter.json")));
    }

    [Fact]
    public async Task Two_stores_creating_the_same_keys_let_exactly_one_writer_win_each()
    {
        // Two instances share no semaphore, as two processes: only the lock files keep their
        // creates apart, since a move that refuses an existing target is not atomic on Unix.
        var stores = new[] { new FolderObjectStore(_folder.Root), new FolderObjectStore(_folder.Root) };
        for (var k = 0; k < 50; k++)
        {
            var key = $"race/k{k:D2}.json";
            using var start = new Barrier(8);
            var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await stores[w % 2].TryCreateAsync(key, Bytes($"writer {w}"));
            })));

            var winner = Assert.Single(results.Select((r, w) => (r, w)), x => x.r.Succeeded);
            Assert.Equal($"writer {winner.w}", Text(await stores[0].GetAsync(key)));
        }
    }

    [Fact]
    public async Task Writers_racing_into_a_new_folder_all_succeed()
    {
        // The first writes into a folder find it missing; whoever makes it, the others must not fail.
        const int folders = 400;
        const int writers = 8;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        for (var folder = 0; folder < folders; folder++)
        {
            using var start = new Barrier(writers);
            var key = $"f{folder:D3}/";
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                start.SignalAndWait();
                try
                {
                    await Store.PutAsync($"{key}k{w}.json", Bytes("x"));
                }
                catch (IOException e)
                {
                    failures.Add($"{key}k{w}.json: {e.GetType().Name}: {e.Message}");
                }
            })));
        }

        Assert.Empty(failures);
        Assert.Equal(writers, (await Store.ListAsync("f000/")).Keys.Count);
    }

    [Fact]
    public async Task Lock_and_temporary_files_never_show_in_listings()
    {
        await Store.PutAsync("a.json", Bytes("x"));
        File.WriteAllText(Path.Combine(_folder.Root, "b.json~0123.tmp"), "half a write");

        Assert.Equal(["a.json"], (await Store.ListAsync("")).Keys);
        Assert.True(Directory.Exists(Path.Combine(_folder.Root, "~locks")));
    }

    [Fact]
    public async Task A_key_that_is_also_a_folder_gets_a_clear_error()
    {
        await Store.PutAsync("x/y.json", Bytes("x"));

        var error = await Assert.ThrowsAsync<IOException>(() => Store.PutAsync("x", Bytes("x")));
        Assert.Contains("'x' is also a folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_land_under_the_root_by_key()
    {
        await Store.PutAsync("dags/d1/current.json", Bytes("{}"));

        Assert.Equal("{}", File.ReadAllText(Path.Combine(_folder.Root, "dags", "d1", "current.json")));
    }
}
