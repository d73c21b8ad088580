using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.States;

namespace DurableDags.Core.Tests.States;

public class WireNameJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new WireNameJsonConverter() } };

    [Fact]
    public void Enums_are_written_and_read_by_their_wire_names()
    {
        var json = JsonSerializer.Serialize(new[] { NodeState.UpstreamFailed, NodeState.UpForRetry }, Options);

        Assert.Equal("""["upstream_failed","up_for_retry"]""", json);
        Assert.Equal([NodeState.UpstreamFailed, NodeState.UpForRetry], JsonSerializer.Deserialize<NodeState[]>(json, Options));
        Assert.Equal(TriggerRule.NoneFailedMinOneSuccess, JsonSerializer.Deserialize<TriggerRule>("\"none_failed_min_one_success\"", Options));
    }

    [Theory]
    [InlineData("\"UpstreamFailed\"")]
    [InlineData("\"done\"")]
    [InlineData("3")]
    public void Other_spellings_are_refused_with_the_allowed_names(string json)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RunState>(json, Options));

        Assert.Contains("expected one of: cancelled, failed, queued, running, succeeded", error.Message, StringComparison.Ordinal);
    }
}
