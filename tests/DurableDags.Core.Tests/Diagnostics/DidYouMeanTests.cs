using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Tests.Diagnostics;

public class DidYouMeanTests
{
    private static readonly string[] Keys = ["retries", "retryDelay", "retryBackoff", "maxRetryDelay", "timeout"];

    [Theory]
    [InlineData("retires", "retries")]
    [InlineData("retry_delay", "retryDelay")]
    [InlineData("timout", "timeout")]
    [InlineData("MAXRETRYDELAY", "maxRetryDelay")]
    public void Typos_suggest_the_nearest_name(string typo, string expected)
    {
        Assert.Equal(expected, DidYouMean.Suggest(typo, Keys));
    }

    [Theory]
    [InlineData("schedule")]
    [InlineData("x")]
    public void Names_far_from_every_candidate_suggest_nothing(string name)
    {
        Assert.Null(DidYouMean.Suggest(name, Keys));
        Assert.Equal(string.Empty, DidYouMean.Hint(name, Keys));
    }

    [Fact]
    public void The_hint_reads_as_the_end_of_a_sentence()
    {
        Assert.Equal("; did you mean 'carriers'?", DidYouMean.Hint("carrier", ["cost", "carriers"]));
    }

    [Fact]
    public void A_name_equal_to_a_candidate_is_not_suggested_to_itself()
    {
        Assert.Null(DidYouMean.Suggest("timeout", ["timeout"]));
    }

    [Fact]
    public void A_one_letter_name_is_matched_only_by_case()
    {
        Assert.Null(DidYouMean.Suggest("c", ["a", "b"]));
        Assert.Equal("A", DidYouMean.Suggest("a", ["A", "b"]));
    }
}
