using DurableDags.Engine.Embedded;
using DurableDags.Engine.Embedded.History;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Engine.Tests.Embedded;

/// <summary>
/// Issue 12, item 8: two engines on one store. The one holding an instance's lease drives it; the
/// other never does while that lease is renewed, even across its own restart, and takes over when
/// the holder dies without releasing it, once the lease expired. Lease time is a clock the test moves.
/// </summary>
public abstract class EngineLeaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly StepChain _chain = new();
    private readonly List<EmbeddedOrchestrationEngine> _engines = [];
    private readonly ManualTimeProvider _leaseClock = new();
    private IObjectStore _objects = null!;
    private ObjectStoreHistoryStore _store = null!;

    public async Task InitializeAsync()
    {
        _objects = await CreateStoreAsync();
        _store = new ObjectStoreHistoryStore(_objects);
    }

    public async Task DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }
    }

    protected abstract Task<IObjectStore> CreateStoreAsync();

    [Fact]
    public async Task A_second_engine_never_drives_an_instance_whose_lease_is_renewed_even_across_its_restart()
    {
        var a = await StartEngineAsync("a");
        await a.StartNewAsync("steps", "i1", "", EngineHarness.Deadline());
        await _chain.InFlight.Task.WaitAsync(EngineHarness.Deadline());

        var b = await StartEngineAsync("b");
        Assert.Equal(0, await b.KeepLeasesAsync(EngineHarness.Deadline()));
        for (var beat = 0; beat < 4; beat++)
        {
            // Four lease lengths in all: only a's renewals keep b out.
            _leaseClock.Advance(Lease / 2);
            await a.KeepLeasesAsync(EngineHarness.Deadline());
            _leaseClock.Advance(Lease / 2);
            await a.KeepLeasesAsync(EngineHarness.Deadline());
            Assert.Equal(0, await b.KeepLeasesAsync(EngineHarness.Deadline()));
        }

        await b.DisposeAsync();
        var restarted = await StartEngineAsync("b");
        Assert.Equal(0, await restarted.KeepLeasesAsync(EngineHarness.Deadline()));
        Assert.Equal("a", (await _store.GetLeaseAsync("i1", EngineHarness.Deadline()))!.Lease.Owner);

        _chain.Gate.SetResult();
        var done = await a.WaitForCompletionAsync("i1", EngineHarness.Deadline());
        Assert.Equal("FIRST-SECOND-THIRD", done.Output!.Value.GetString());
        Assert.Equal([1, 1, 1], _chain.Counts);
        await EngineHarness.UntilAsync(async () => await _store.GetLeaseAsync("i1", EngineHarness.Deadline()) is null);
    }

    [Fact]
    public async Task When_the_holder_dies_without_releasing_another_engine_takes_over_once_the_lease_expired()
    {
        var a = await StartEngineAsync("a");
        await a.StartNewAsync("steps", "i1", "", EngineHarness.Deadline());
        await _chain.InFlight.Task.WaitAsync(EngineHarness.Deadline());

        // "second" starts while the turn holding "first"'s completion is written (docs/execution.md):
        // wait for that write, or a crash before it would rightly run "first" again.
        await EngineHarness.UntilAsync(async () =>
            (await _store.ReadHistoryAsync("i1", 0, EngineHarness.Deadline())).OfType<TaskCompleted>().Any());

        // A crash: no heartbeat any more, and the lease is left in the store.
        await a.DisposeAsync();

        var b = await StartEngineAsync("b");
        _chain.Gate.SetResult();
        _leaseClock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await b.KeepLeasesAsync(EngineHarness.Deadline()));
        Assert.Equal("a", (await _store.GetLeaseAsync("i1", EngineHarness.Deadline()))!.Lease.Owner);

        _leaseClock.Advance(TimeSpan.FromSeconds(2));
        await b.KeepLeasesAsync(EngineHarness.Deadline());
        var done = await b.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("FIRST-SECOND-THIRD", done.Output!.Value.GetString());
        // "first" completed under a and is not run again; "second" was in flight when a died.
        Assert.Equal([1, 2, 1], _chain.Counts);
    }

    [Fact]
    public async Task A_start_writes_the_lease_in_the_instances_active_mark_and_the_end_removes_both_at_once()
    {
        var a = await StartEngineAsync("a");
        await a.StartNewAsync("steps", "i1", "", EngineHarness.Deadline());
        await _chain.InFlight.Task.WaitAsync(EngineHarness.Deadline());

        Assert.Equal(["i1"], await _store.ListActiveAsync(EngineHarness.Deadline()).ToListAsync());
        Assert.Equal("a", (await _store.GetLeaseAsync("i1", EngineHarness.Deadline()))!.Lease.Owner);
        Assert.Empty((await _objects.ListAsync("orchestrations/leases/")).Keys);

        _chain.Gate.SetResult();
        await a.WaitForCompletionAsync("i1", EngineHarness.Deadline());
        await EngineHarness.UntilAsync(async () => (await _objects.ListAsync("orchestrations/active/")).Keys.Count == 0);
        Assert.Null(await _store.GetLeaseAsync("i1", EngineHarness.Deadline()));
    }

    [Fact]
    public async Task An_engine_stopped_in_order_gives_its_leases_up_but_keeps_its_instances_marked_so_another_takes_them_at_once()
    {
        var a = await StartEngineAsync("a");
        await a.StartNewAsync("steps", "i1", "", EngineHarness.Deadline());
        await _chain.InFlight.Task.WaitAsync(EngineHarness.Deadline());
        await EngineHarness.UntilAsync(async () =>
            (await _store.ReadHistoryAsync("i1", 0, EngineHarness.Deadline())).OfType<TaskCompleted>().Any());

        await a.StopAsync(EngineHarness.Deadline());

        Assert.Equal(["i1"], await _store.ListActiveAsync(EngineHarness.Deadline()).ToListAsync());
        Assert.Equal(InstanceLease.None, (await _store.GetLeaseAsync("i1", EngineHarness.Deadline()))!.Lease);
        var b = await StartEngineAsync("b");
        _chain.Gate.SetResult();
        var done = await b.WaitForCompletionAsync("i1", EngineHarness.Deadline());
        Assert.Equal("FIRST-SECOND-THIRD", done.Output!.Value.GetString());
    }

    [Fact]
    public async Task A_mark_left_by_a_crash_before_the_record_is_dropped_at_start_unless_another_engine_holds_its_lease_and_is_creating_it()
    {
        // Crashes between the mark (with its lease) and the instance record: a's lease has
        // expired, b's is live (b may be writing the record right now).
        Assert.NotNull(await _store.WriteLeaseAsync("i1", new InstanceLease("a", _leaseClock.GetUtcNow() - TimeSpan.FromSeconds(1)), null, EngineHarness.Deadline()));
        Assert.NotNull(await _store.WriteLeaseAsync("i2", new InstanceLease("b", _leaseClock.GetUtcNow() + Lease), null, EngineHarness.Deadline()));

        var c = await StartEngineAsync("c");

        Assert.Equal(["i2"], await _store.ListActiveAsync(EngineHarness.Deadline()).ToListAsync());
        Assert.Null(await c.GetInstanceAsync("i1", EngineHarness.Deadline()));
    }

    [Fact]
    public async Task A_start_of_an_instance_whose_mark_an_earlier_failed_start_left_takes_that_mark_over_and_runs_it_once()
    {
        var a = await StartEngineAsync("a");
        // The earlier start of this engine wrote the mark and its lease, then the record write failed.
        Assert.NotNull(await _store.WriteLeaseAsync("i1", new InstanceLease("a", _leaseClock.GetUtcNow() + Lease), null, EngineHarness.Deadline()));
        _chain.Gate.SetResult();

        Assert.True(await a.StartNewAsync("steps", "i1", "", EngineHarness.Deadline()));
        var done = await a.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("FIRST-SECOND-THIRD", done.Output!.Value.GetString());
        Assert.Equal([1, 1, 1], _chain.Counts);
    }

    private async Task<EmbeddedOrchestrationEngine> StartEngineAsync(string owner)
    {
        var options = new EmbeddedEngineOptions { LeaseDuration = Lease, LeaseClock = _leaseClock, OwnerId = owner };
        var engine = new EmbeddedOrchestrationEngine(_store, _chain.Catalog(holdSecond: true), options, TimeProvider.System);
        _engines.Add(engine);
        await engine.StartAsync(EngineHarness.Deadline());
        return engine;
    }
}

public sealed class FolderEngineLeaseTests : EngineLeaseTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"dd-lease-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new FolderObjectStore(_folder));
}

public sealed class BlobEngineLeaseTests(AzuriteFixture azurite) : EngineLeaseTests, IClassFixture<AzuriteFixture>
{
    protected override async Task<IObjectStore> CreateStoreAsync() => await azurite.NewStoreAsync();
}
