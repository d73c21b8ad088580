using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Children;
using DurableDags.Engine.Tests.Operators.Testing;

namespace DurableDags.Engine.Tests.Operators.Children;

public class DagOperatorTests
{
    [Fact]
    public async Task It_asks_for_a_child_run_with_evaluated_params()
    {
        var result = await new DagOperator().ExecuteAsync(OperatorTestRequest.For("dag", """
            { "dagId": "carrier-costs", "params": { "date": "${{ params.date }}", "limit": "${{ params.limit }}", "dryRun": true } }
            """), CancellationToken.None);

        var child = Assert.IsType<OperatorResult.StartChildRun>(result);
        Assert.Equal("carrier-costs", child.DagId);
        Assert.Equal("""{"date":"2026-01-31","limit":3,"dryRun":true}""", child.Params.ToJsonString());
        Assert.True(child.Wait);
    }

    [Fact]
    public async Task Wait_false_and_no_params_are_passed_on()
    {
        var result = await new DagOperator().ExecuteAsync(
            OperatorTestRequest.For("dag", """{ "dagId": "cleanup", "wait": false }"""), CancellationToken.None);

        var child = Assert.IsType<OperatorResult.StartChildRun>(result);
        Assert.False(child.Wait);
        Assert.Empty(child.Params);
    }

    [Theory]
    [InlineData("""{ "params": {} }""", "with.dagId is required")]
    [InlineData("""{ "dagId": "x", "params": [1] }""", "with.params: expected an object of parameter values, got a list")]
    public async Task Bad_settings_fail_without_retry(string with, string error)
    {
        var failed = Assert.IsType<OperatorResult.Failed>(
            await new DagOperator().ExecuteAsync(OperatorTestRequest.For("dag", with), CancellationToken.None));

        Assert.False(failed.Retryable);
        Assert.Equal(error, failed.Error);
    }
}
