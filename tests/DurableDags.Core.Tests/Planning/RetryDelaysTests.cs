using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;

namespace DurableDags.Core.Tests.Planning;

public class RetryDelaysTests
{
    private static readonly NodePolicy Exponential = new()
    {
        Retries = 10,
        RetryDelay = TimeSpan.FromSeconds(30),
        Backoff = RetryBackoff.Exponential,
        MaxRetryDelay = TimeSpan.FromMinutes(10),
    };

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 480)]
    [InlineData(6, 600)]
    [InlineData(7, 600)]
    [InlineData(100, 600)]
    public void Exponential_delay_doubles_per_attempt_up_to_the_cap(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryDelays.After(Exponential, attempt));
    }

    [Fact]
    public void Fixed_delay_is_the_same_every_time()
    {
        var policy = Exponential with { Backoff = RetryBackoff.Fixed };

        Assert.All(new[] { 1, 2, 9 }, attempt => Assert.Equal(TimeSpan.FromSeconds(30), RetryDelays.After(policy, attempt)));
    }

    [Fact]
    public void A_huge_delay_is_capped_without_overflowing()
    {
        var policy = Exponential with { RetryDelay = TimeSpan.FromDays(10_000), MaxRetryDelay = TimeSpan.FromDays(1) };

        Assert.Equal(TimeSpan.FromDays(1), RetryDelays.After(policy, 40));
        Assert.Equal(TimeSpan.FromDays(1), RetryDelays.After(policy, 1));
    }
}
