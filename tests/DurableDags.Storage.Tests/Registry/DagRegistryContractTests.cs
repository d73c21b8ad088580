using DurableDags.Storage.Registry;
using DurableDags.Storage.Tests.Checkpoints;

namespace DurableDags.Storage.Tests.Registry;

public abstract class DagRegistryContractTests(IStoreHost host) : CheckpointStoreContract(host)
{
    private static string Dag(string description) => $"id: carrier-costs\ndescription: {description}\nnodes:\n  a: {{ type: noop }}\n";

    [Fact]
    public async Task A_new_definition_becomes_version_1_and_current()
    {
        var put = await Store.PutDagAsync("carrier-costs", Dag("one"), "carrier-costs.yaml");

        Assert.Equal(DagPutOutcome.Created, put.Outcome);
        Assert.Equal(1, put.Version.Version);
        Assert.Equal("carrier-costs.yaml", put.Version.SourceFile);
        Assert.Equal(put.Entry, await Store.GetDagAsync("carrier-costs"));
        Assert.Equal(Dag("one"), await Store.GetDagSourceAsync("carrier-costs", put.Version.Hash));
    }

    [Fact]
    public async Task The_same_content_again_returns_the_existing_version_unchanged()
    {
        var first = await Store.PutDagAsync("carrier-costs", Dag("one"), "a.yaml");
        var again = await Store.PutDagAsync("carrier-costs", Dag("one"), "b.yaml");

        Assert.Equal(DagPutOutcome.Unchanged, again.Outcome);
        Assert.Equal(first.Version, again.Version);
        Assert.Single(await Store.ListDagVersionsAsync("carrier-costs"));
    }

    [Fact]
    public async Task New_content_becomes_the_next_version_and_every_version_stays_readable()
    {
        var one = await Store.PutDagAsync("carrier-costs", Dag("one"), "a.yaml");
        var two = await Store.PutDagAsync("carrier-costs", Dag("two"), "a.yaml");

        Assert.Equal(DagPutOutcome.Created, two.Outcome);
        Assert.Equal(2, two.Version.Version);
        Assert.Equal([2, 1], (await Store.ListDagVersionsAsync("carrier-costs")).Select(v => v.Version));
        Assert.Equal(Dag("one"), await Store.GetDagSourceAsync("carrier-costs", one.Version.Hash));
        Assert.Equal(two.Version, (await Store.GetDagAsync("carrier-costs"))!.Current);
    }

    [Fact]
    public async Task A_version_is_found_by_its_hash_after_newer_ones_and_an_unknown_hash_finds_none()
    {
        var one = await Store.PutDagAsync("carrier-costs", Dag("one"), "a.yaml");
        var two = await Store.PutDagAsync("carrier-costs", Dag("two"), "a.yaml");

        Assert.Equal(one.Version, await Store.GetDagVersionAsync("carrier-costs", one.Version.Hash));
        Assert.Equal(two.Version, await Store.GetDagVersionAsync("carrier-costs", two.Version.Hash));
        Assert.Null(await Store.GetDagVersionAsync("carrier-costs", new string('0', 64)));
        Assert.Null(await Store.GetDagVersionAsync("nobody", one.Version.Hash));
    }

    [Fact]
    public async Task Putting_an_earlier_content_again_restores_its_version()
    {
        var one = await Store.PutDagAsync("carrier-costs", Dag("one"), "a.yaml");
        await Store.PutDagAsync("carrier-costs", Dag("two"), "a.yaml");

        var back = await Store.PutDagAsync("carrier-costs", Dag("one"), "a.yaml");

        Assert.Equal(DagPutOutcome.Restored, back.Outcome);
        Assert.Equal(one.Version, back.Version);
        Assert.Equal(2, back.Entry.LatestVersion);
        Assert.Equal(2, (await Store.ListDagVersionsAsync("carrier-costs")).Count);
    }

    [Fact]
    public async Task Concurrent_puts_of_different_content_each_get_a_number_of_their_own()
    {
        var puts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => Store.PutDagAsync("carrier-costs", Dag($"v{i}"), "a.yaml"))));

        Assert.All(puts, p => Assert.Equal(DagPutOutcome.Created, p.Outcome));
        Assert.Equal(Enumerable.Range(1, 10), puts.Select(p => p.Version.Version).Order());
        var entry = (await Store.GetDagAsync("carrier-costs"))!;
        Assert.Equal(10, entry.LatestVersion);
        Assert.Contains(entry.Current, puts.Select(p => p.Version));
        Assert.Equal(Enumerable.Range(1, 10).Reverse(), (await Store.ListDagVersionsAsync("carrier-costs")).Select(v => v.Version));
    }

    [Fact]
    public async Task Concurrent_puts_of_the_same_content_create_one_version()
    {
        var puts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Store.PutDagAsync("carrier-costs", Dag("same"), "a.yaml"))));

        Assert.Single(puts, p => p.Outcome == DagPutOutcome.Created);
        Assert.All(puts, p => Assert.Equal(1, p.Version.Version));
    }

    [Fact]
    public async Task A_pause_and_a_concurrent_put_both_land()
    {
        await Store.PutDagAsync("carrier-costs", Dag("one"), "a.yaml");

        await Task.WhenAll(
            Task.Run(() => Store.SetDagPausedAsync("carrier-costs", paused: true)),
            Task.Run(() => Store.PutDagAsync("carrier-costs", Dag("two"), "a.yaml")));

        var entry = (await Store.GetDagAsync("carrier-costs"))!;
        Assert.True(entry.Paused);
        Assert.Equal(2, entry.Current.Version);
    }

    [Fact]
    public async Task Dags_list_by_id_and_an_unknown_one_cannot_be_paused()
    {
        await Store.PutDagAsync("zeta", Dag("z"), "z.yaml");
        await Store.PutDagAsync("alpha", Dag("a"), "a.yaml");

        Assert.Equal(["alpha", "zeta"], (await Store.ListDagsAsync()).Select(d => d.DagId));
        Assert.Null(await Store.SetDagPausedAsync("nobody", paused: true));
        Assert.Null(await Store.GetDagAsync("nobody"));
        Assert.Empty(await Store.ListDagVersionsAsync("nobody"));
    }

    [Fact]
    public async Task A_secret_written_into_a_definition_is_stored_masked()
    {
        var put = await Store.PutDagAsync("carrier-costs", Dag($"token {Token}"), "a.yaml");

        Assert.Equal(Dag("token ***"), await Store.GetDagSourceAsync("carrier-costs", put.Version.Hash));
        await AssertNoSecretStoredAsync();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task A_bad_dag_id_is_refused_and_writes_nothing(string dagId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutDagAsync(dagId, Dag("x"), "a.yaml"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetDagAsync(dagId));

        Assert.Empty(await AllKeysAsync());
    }
}
