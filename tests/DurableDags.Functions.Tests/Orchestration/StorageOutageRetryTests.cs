using DurableDags.Functions.Orchestration;
using DurableDags.Storage.Objects;
using Microsoft.DurableTask;

namespace DurableDags.Functions.Tests.Orchestration;

/// <summary>The outage retry's policy alone: which failures it retries and how long it waits between attempts.</summary>
public sealed class StorageOutageRetryTests
{
    private const string Outage = "DurableDags.Storage.Objects.StorageUnavailableException";

    private static TaskFailureDetails Failure(string type, string message, TaskFailureDetails? inner = null) =>
        new(type, message, StackTrace: null, inner, Properties: null);

    [Fact]
    public void The_wait_doubles_from_one_second_and_stays_at_thirty()
    {
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], new[] { 1, 2, 3, 4, 5, 6, 7 }.Select(a => StorageOutageRetry.DelayAfter(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(30), StorageOutageRetry.DelayAfter(10_000));
    }

    [Fact]
    public void A_storage_outage_is_recognised_as_thrown_or_wrapped_by_the_host_and_nothing_else_is()
    {
        Assert.Equal(Outage, typeof(StorageUnavailableException).FullName);
        Assert.True(StorageOutageRetry.IsStorageOutage(Failure(Outage, "connection refused")));
        Assert.True(StorageOutageRetry.IsStorageOutage(Failure("System.AggregateException", "one error",
            Failure(Outage, "connection refused"))));
        Assert.True(StorageOutageRetry.IsStorageOutage(Failure("Microsoft.Azure.WebJobs.Host.FunctionInvocationException",
            $"Exception while executing function: Functions.dd-run-node-step Result: Failure Exception: {Outage}: connection refused")));
        Assert.False(StorageOutageRetry.IsStorageOutage(Failure("System.InvalidOperationException", "storage is down")));
        Assert.False(StorageOutageRetry.IsStorageOutage(null));
    }
}
