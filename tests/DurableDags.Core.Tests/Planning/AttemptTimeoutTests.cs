using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;

namespace DurableDags.Core.Tests.Planning;

public class AttemptTimeoutTests
{
    private static NodeDefinition Node(string type, string with = "{}") => new()
    {
        Id = "n",
        Type = type,
        With = JsonDocument.Parse(with).RootElement.Clone(),
        Policy = NodePolicy.Default with { Retries = 3, Timeout = TimeSpan.FromMinutes(10) },
    };

    [Fact]
    public void A_task_that_times_out_fails_and_may_retry()
    {
        Assert.Equal(new AttemptTimeout(NodeState.Failed, "attempt 2 timed out after 00:10:00", Final: false), AttemptTimeout.Of(Node("http"), 2));
    }

    [Fact]
    public void A_sensor_that_times_out_fails_for_good()
    {
        Assert.Equal(
            new AttemptTimeout(NodeState.Failed, "the sensor timed out after 10m: its condition did not hold", Final: true),
            AttemptTimeout.Of(Node("sensor", """{ "blob": { "container": "in", "name": "a" } }"""), 1));
    }

    [Fact]
    public void A_sensor_with_softFail_that_times_out_ends_skipped()
    {
        var timeout = AttemptTimeout.Of(Node("sensor", """{ "blob": { "container": "in", "name": "a" }, "softFail": true }"""), 1);

        Assert.Equal((NodeState.Skipped, true), (timeout.State, timeout.Final));
    }

    [Theory]
    [InlineData("""{ "softFail": false }""")]
    [InlineData("""{ "softFail": "${{ params.soft }}" }""")]
    public void A_sensor_without_a_literal_softFail_true_fails(string with)
    {
        Assert.Equal(NodeState.Failed, AttemptTimeout.Of(Node("sensor", with), 1).State);
    }
}
