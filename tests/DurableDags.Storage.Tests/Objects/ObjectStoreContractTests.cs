using System.Text;
using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Tests.Objects;

/// <summary>
/// What every <see cref="IObjectStore"/> promises. Each implementation runs this very suite
/// against the real thing (a temporary folder, a real Azurite).
/// </summary>
public abstract class ObjectStoreContractTests : IAsyncLifetime
{
    private IObjectStore? _store;

    protected IObjectStore Store => _store ?? throw new InvalidOperationException("The store is made in InitializeAsync.");

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IObjectStore> CreateStoreAsync();

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(StoredObject? stored) =>
        Encoding.UTF8.GetString((stored ?? throw new InvalidOperationException("missing object")).Content.Span);

    [Fact]
    public async Task A_missing_key_reads_as_null()
    {
        Assert.Null(await Store.GetAsync("nothing/here.json"));
    }

    [Fact]
    public async Task A_put_reads_back_with_the_etag_it_returned()
    {
        var written = await Store.PutAsync("a/b.json", Bytes("one"));

        var read = await Store.GetAsync("a/b.json");
        Assert.Equal("one", Text(read));
        Assert.Equal(written.ETag, read!.ETag);
    }

    [Fact]
    public async Task A_new_content_gets_a_new_etag()
    {
        var first = await Store.PutAsync("k.json", Bytes("one"));
        var second = await Store.PutAsync("k.json", Bytes("two"));

        Assert.NotEqual(first.ETag, second.ETag);
    }

    [Fact]
    public async Task Create_if_absent_succeeds_once_and_then_leaves_the_first_content()
    {
        Assert.True((await Store.TryCreateAsync("once.json", Bytes("first"))).Succeeded);
        Assert.False((await Store.TryCreateAsync("once.json", Bytes("second"))).Succeeded);

        Assert.Equal("first", Text(await Store.GetAsync("once.json")));
    }

    [Fact]
    public async Task Of_many_parallel_creates_of_one_key_exactly_one_wins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => Store.TryCreateAsync("race.json", Bytes($"writer {i}")))));

        var winners = results.Select((r, i) => (r, i)).Where(x => x.r.Succeeded).ToList();
        var winner = Assert.Single(winners);
        Assert.Equal($"writer {winner.i}", Text(await Store.GetAsync("race.json")));
    }

    [Fact]
    public async Task A_put_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var first = await Store.PutAsync("cas.json", Bytes("one"));
        await Store.PutAsync("cas.json", Bytes("two"), first.ETag);

        var stale = await Store.PutAsync("cas.json", Bytes("three"), first.ETag);

        Assert.False(stale.Succeeded);
        Assert.Equal("two", Text(await Store.GetAsync("cas.json")));
    }

    [Fact]
    public async Task A_put_with_an_etag_on_a_missing_key_conflicts()
    {
        var etag = (await Store.PutAsync("elsewhere.json", Bytes("x"))).ETag;

        Assert.False((await Store.PutAsync("missing.json", Bytes("x"), etag)).Succeeded);
        Assert.Null(await Store.GetAsync("missing.json"));
    }

    [Fact]
    public async Task Parallel_increments_with_etags_never_lose_one()
    {
        await Store.PutAsync("counter.json", Bytes("0"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => IncrementAsync(Store, "counter.json", times: 10))));

        Assert.Equal("80", Text(await Store.GetAsync("counter.json")));
    }

    [Fact]
    public async Task Delete_removes_a_key_once_and_respects_its_etag()
    {
        var written = await Store.PutAsync("d.json", Bytes("one"));
        await Store.PutAsync("d.json", Bytes("two"));

        Assert.False(await Store.DeleteAsync("d.json", written.ETag));
        Assert.NotNull(await Store.GetAsync("d.json"));
        Assert.True(await Store.DeleteAsync("d.json"));
        Assert.False(await Store.DeleteAsync("d.json"));
        Assert.Null(await Store.GetAsync("d.json"));
        Assert.Empty((await Store.ListAsync("d")).Keys);
    }

    [Fact]
    public async Task Listing_is_in_ordinal_order_and_pages_cover_every_key_once()
    {
        string[] keys = ["l/b_1.json", "l/a.json", "l/A.json", "l/ab/c.json", "l/a-b.json", "l/0.json", "l/.hidden", "l/Z/z.txt"];
        foreach (var key in keys)
        {
            await Store.PutAsync(key, Bytes(key));
        }

        await Store.PutAsync("l2/outside.json", Bytes("x"));
        await Store.PutAsync("k/outside.json", Bytes("x"));

        var expected = keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, (await Store.ListAsync("l/")).Keys);

        var paged = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await Store.ListAsync("l/", after, limit: 3);
            paged.AddRange(page.Keys);
            after = page.NextStartAfter;
            pages++;
        }
        while (after is not null);

        Assert.Equal(expected, paged);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_prefix_may_stop_inside_a_segment()
    {
        foreach (var key in new[] { "p/a.json", "p/ab/c.json", "p/b.json", "p/a-b.json" })
        {
            await Store.PutAsync(key, Bytes(key));
        }

        Assert.Equal(["p/a-b.json", "p/a.json", "p/ab/c.json"], (await Store.ListAsync("p/a")).Keys);
        Assert.Equal(["p/b.json"], (await Store.ListAsync("p/", startAfter: "p/ab/c.json")).Keys);
        Assert.Empty((await Store.ListAsync("nothing/")).Keys);
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("a/../../escape.json")]
    [InlineData("/absolute.json")]
    [InlineData("a//b.json")]
    [InlineData("a/./b.json")]
    [InlineData("a\\b.json")]
    [InlineData("with space.json")]
    [InlineData("C:/drive.json")]
    [InlineData("trailing/")]
    [InlineData("")]
    public async Task A_bad_key_is_refused_before_any_io(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, Bytes("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.TryCreateAsync(key, Bytes("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key));

        Assert.Empty((await Store.ListAsync("")).Keys);
        await AssertNothingEscapedAsync();
    }

    [Fact]
    public async Task A_bad_prefix_or_limit_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ListAsync("../"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListAsync("a/", limit: 0));
    }

    [Fact]
    public async Task A_megabyte_object_round_trips()
    {
        var big = new byte[1024 * 1024];
        new Random(7).NextBytes(big);

        await Store.PutAsync("big.bin", big);

        Assert.Equal(big, (await Store.GetAsync("big.bin"))!.Content.ToArray());
    }

    /// <summary>Adds one to a number stored as text, <paramref name="times"/> times, by read and conditional write.</summary>
    protected static async Task IncrementAsync(IObjectStore store, string key, int times)
    {
        for (var i = 0; i < times; i++)
        {
            while (true)
            {
                var current = await store.GetAsync(key);
                var next = int.Parse(Text(current), System.Globalization.CultureInfo.InvariantCulture) + 1;
                if ((await store.PutAsync(key, Bytes($"{next}"), current!.ETag)).Succeeded)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Implementations with a place outside their root check that nothing was written there.</summary>
    protected virtual Task AssertNothingEscapedAsync() => Task.CompletedTask;
}
