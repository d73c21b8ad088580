using DurableDags.Core.Definitions;
using DurableDags.Core.States;

namespace DurableDags.Core.Tests.States;

public class WireNamesTests
{
    [Theory]
    [InlineData(TriggerRule.AllSuccess, "all_success")]
    [InlineData(TriggerRule.NoneFailedMinOneSuccess, "none_failed_min_one_success")]
    [InlineData(TriggerRule.Always, "always")]
    public void Trigger_rules_use_the_spec_spelling(TriggerRule rule, string wire)
    {
        Assert.Equal(wire, WireNames.Of(rule));
        Assert.True(WireNames.TryParseTrigger(wire, out var parsed));
        Assert.Equal(rule, parsed);
    }

    [Fact]
    public void Every_node_state_round_trips()
    {
        foreach (var state in Enum.GetValues<NodeState>())
        {
            Assert.True(WireNames.TryParseNodeState(WireNames.Of(state), out var parsed));
            Assert.Equal(state, parsed);
        }

        Assert.Equal("upstream_failed", WireNames.Of(NodeState.UpstreamFailed));
        Assert.Equal("up_for_retry", WireNames.Of(NodeState.UpForRetry));
    }

    [Fact]
    public void Unknown_names_do_not_parse()
    {
        Assert.False(WireNames.TryParseTrigger("AllSuccess", out _));
        Assert.False(WireNames.TryParseRunState("done", out _));
    }
}
