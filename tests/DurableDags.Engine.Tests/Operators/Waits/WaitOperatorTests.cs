using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Waits;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;

namespace DurableDags.Engine.Tests.Operators.Waits;

public class WaitOperatorTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 31, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_duration_waits_from_now()
    {
        var result = await Run("""{ "duration": "1h30m" }""");

        Assert.Equal(new DateTimeOffset(2026, 1, 31, 7, 30, 0, TimeSpan.Zero), Assert.IsType<OperatorResult.WaitUntil>(result).At);
    }

    [Fact]
    public async Task Until_waits_for_an_instant_that_may_come_from_an_expression()
    {
        var result = await Run("""{ "until": "${{ params.date }}T09:00:00-05:00" }""");

        Assert.Equal(new DateTimeOffset(2026, 1, 31, 14, 0, 0, TimeSpan.Zero), Assert.IsType<OperatorResult.WaitUntil>(result).At);
    }

    [Fact]
    public async Task An_instant_already_past_succeeds_at_once()
    {
        var result = await Run("""{ "until": "2026-01-30T00:00:00Z" }""");

        Assert.Null(Assert.IsType<OperatorResult.Succeeded>(result).Output);
    }

    [Theory]
    [InlineData("""{ }""", "with: a wait needs exactly one of duration or until")]
    [InlineData("""{ "duration": "1m", "until": "2026-02-01T00:00:00Z" }""", "with: a wait needs exactly one of duration or until")]
    [InlineData("""{ "duration": "90" }""", "with.duration: '90' is not a duration such as")]
    [InlineData("""{ "until": "tomorrow" }""", "with.until: 'tomorrow' is not an instant")]
    public async Task Bad_settings_fail_without_retry(string with, string error)
    {
        var failed = Assert.IsType<OperatorResult.Failed>(await Run(with));

        Assert.False(failed.Retryable);
        Assert.StartsWith(error, failed.Error, StringComparison.Ordinal);
    }

    private Task<OperatorResult> Run(string with) =>
        new WaitOperator().ExecuteAsync(OperatorTestRequest.For("wait", with, time: _time), CancellationToken.None);
}
