using DurableDags.Storage.Nodes;
using DurableDags.Storage.Tests.Checkpoints;

namespace DurableDags.Storage.Tests.Logs;

public abstract class AttemptLogsContractTests(IStoreHost host) : CheckpointStoreContract(host)
{
    private static readonly NodeInstance Cost = new("cost", 3);

    [Fact]
    public async Task Chunks_written_in_any_order_read_back_in_sequence()
    {
        await Task.WhenAll(Enumerable.Range(0, 12).Reverse().Select(i =>
            Store.AppendLogAsync("dag-a", "r1", Cost, 1, i, $"line {i}\n")));

        var log = await Store.ReadLogAsync("dag-a", "r1", Cost, 1);

        Assert.Equal(string.Concat(Enumerable.Range(0, 12).Select(i => $"line {i}\n")), log);
    }

    [Fact]
    public async Task A_replayed_chunk_is_refused_rather_than_doubled()
    {
        Assert.True(await Store.AppendLogAsync("dag-a", "r1", Cost, 1, 0, "first\n"));
        Assert.False(await Store.AppendLogAsync("dag-a", "r1", Cost, 1, 0, "first\n"));

        Assert.Equal("first\n", await Store.ReadLogAsync("dag-a", "r1", Cost, 1));
    }

    [Fact]
    public async Task Attempts_keep_separate_logs_and_one_without_a_log_reads_as_null()
    {
        await Store.AppendLogAsync("dag-a", "r1", Cost, 1, 0, "attempt one\n");
        await Store.AppendLogAsync("dag-a", "r1", Cost, 2, 0, "attempt two\n");

        Assert.Equal("attempt two\n", await Store.ReadLogAsync("dag-a", "r1", Cost, 2));
        Assert.Null(await Store.ReadLogAsync("dag-a", "r1", Cost, 3));
        Assert.Null(await Store.ReadLogAsync("dag-a", "r1", new NodeInstance("cost"), 1));
    }

    [Fact]
    public async Task Secrets_are_masked_in_each_chunk_and_across_chunk_boundaries()
    {
        await Store.AppendLogAsync("dag-a", "r1", Cost, 1, 0, $"GET with {Token}\n");
        await Store.AppendLogAsync("dag-a", "r1", Cost, 1, 1, $"split {Password[..6]}");
        await Store.AppendLogAsync("dag-a", "r1", Cost, 1, 2, $"{Password[6..]} done\n");

        Assert.Equal("GET with ***\nsplit *** done\n", await Store.ReadLogAsync("dag-a", "r1", Cost, 1));
        await AssertNoSecretStoredAsync();
    }

    [Fact]
    public async Task Attempt_and_sequence_numbers_out_of_range_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.AppendLogAsync("dag-a", "r1", Cost, 0, 0, "x"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.AppendLogAsync("dag-a", "r1", Cost, 1, -1, "x"));

        Assert.Empty(await AllKeysAsync());
    }
}
