using DurableDags.Core.Alerts;

namespace DurableDags.Core.Tests.Loading;

public class AlertReaderTests
{
    private const string Nodes = "nodes:\n  a: { type: noop }\n  b: { type: noop, alerts: false }\n  c:\n    type: noop\n    alerts: { onRetry: teams }\n";

    [Fact]
    public void Every_kind_reads_its_targets_in_every_form()
    {
        var dag = Load.Valid("""
            id: x
            alerts:
              onRunFailed: slack
              onNodeFailed: [slack, { channel: webhook, secret: OPS_HOOK }]
              onRetry: { channel: teams, url: "https://example.org/hook" }
              onSuccess: { channel: email, to: [ops@example.com, data@example.com] }
              onRecovery: []
            nodes: { a: { type: noop } }
            """);

        var targets = dag.Alerts.Targets;
        Assert.Equal(AlertChannel.Slack, Assert.Single(targets[AlertKind.RunFailed]).Channel);
        Assert.Equal(["slack secrets.SLACK_WEBHOOK_URL", "webhook secrets.OPS_HOOK"], targets[AlertKind.NodeFailed].Select(t => t.Describe()));
        Assert.Equal("teams https://example.org/…", Assert.Single(targets[AlertKind.Retry]).Describe());
        Assert.Equal(["ops@example.com", "data@example.com"], Assert.Single(targets[AlertKind.Success]).To.ToArray());
        Assert.Empty(targets[AlertKind.Recovery]);
        Assert.Equal(3, Assert.Single(targets[AlertKind.RunFailed]).Location.Line);
    }

    [Fact]
    public void A_node_silences_or_overrides_kind_by_kind()
    {
        var dag = Load.Valid("id: x\nalerts: { onNodeFailed: slack, onRetry: slack }\n" + Nodes);

        Assert.Equal(AlertChannel.Slack, Assert.Single(AlertRules.Resolve(dag.Alerts, dag.FindNode("a")!.Alerts, AlertKind.Retry)).Channel);
        Assert.Empty(AlertRules.Resolve(dag.Alerts, dag.FindNode("b")!.Alerts, AlertKind.NodeFailed));
        Assert.Equal(AlertChannel.Teams, Assert.Single(AlertRules.Resolve(dag.Alerts, dag.FindNode("c")!.Alerts, AlertKind.Retry)).Channel);
        Assert.Equal(AlertChannel.Slack, Assert.Single(AlertRules.Resolve(dag.Alerts, dag.FindNode("c")!.Alerts, AlertKind.NodeFailed)).Channel);
    }

    [Theory]
    [InlineData("alerts: { onFailure: slack }", "test.yaml:2:11: unknown key 'onFailure' in 'alerts'; expected one of: onRunFailed, onNodeFailed, onRetry, onSuccess, onRecovery, onDeadlineMissed")]
    [InlineData("alerts: { onRunFailed: slak }", "test.yaml:2:24: 'onRunFailed' of 'alerts' cannot be 'slak'; did you mean 'slack'?")]
    [InlineData("alerts: { onRunFailed: email }", "test.yaml:2:24: 'onRunFailed' of 'alerts': an email target needs its recipients: { channel: email, to: [ops@example.com] }")]
    [InlineData("alerts: { onRunFailed: { channel: email, to: [not-an-address] } }", "test.yaml:2:47: 'to' of a target of 'onRunFailed' of 'alerts': 'not-an-address' is not an email address")]
    [InlineData("alerts: { onRunFailed: { channel: slack, secret: 'a-b' } }", "test.yaml:2:50: 'secret' of a target of 'onRunFailed' of 'alerts' must name a host secret (letters, digits and _, e.g. SLACK_DATA_ALERTS), got 'a-b'")]
    [InlineData("alerts: { onRunFailed: { channel: webhook, url: 'ftp://x' } }", "test.yaml:2:49: 'url' of a target of 'onRunFailed' of 'alerts' must be an absolute http or https URL; to keep it out of the file, use 'secret' instead")]
    [InlineData("alerts: { onRunFailed: { secret: X } }", "test.yaml:2:24: 'onRunFailed' of 'alerts': a target needs 'channel' (one of slack, teams, webhook, email)")]
    [InlineData("alerts: { onRunFailed: { channel: slack, to: a@b.c } }", "test.yaml:2:42: unknown key 'to' in a slack target of 'onRunFailed' of 'alerts'; expected one of: channel, secret, url")]
    public void Bad_alerts_are_reported_at_their_place(string alerts, string error)
    {
        Assert.Equal([error], Load.Errors($"id: x\n{alerts}\nnodes: {{ a: {{ type: noop }} }}\n"));
    }

    [Theory]
    [InlineData("alerts: { onRunFailed: slack }", "test.yaml:2:37: unknown key 'onRunFailed' in 'alerts' of node 'a'; expected one of: onNodeFailed, onRetry, onDeadlineMissed")]
    [InlineData("alerts: off", "test.yaml:2:35: 'alerts' of node 'a' must be false or a mapping of onNodeFailed, onRetry, onDeadlineMissed to targets, got the string 'off'")]
    public void A_node_alerts_only_on_its_own_events(string alerts, string error)
    {
        Assert.Equal([error], Load.Errors($"id: x\nnodes: {{ a: {{ type: noop, {alerts} }} }}\n"));
    }
}
