using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Notifications;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Notifications;

public sealed class NotifySenderTests : IAsyncLifetime, IDisposable
{
    private static readonly NotifyMessage Alert = new("Node 'train' of carrier-costs failed")
    {
        Title = "Run failed",
        Reason = "POST https://ml.example/jobs answered 500 <Internal>",
        LogExcerpt = string.Concat(new string('x', 3000), "\nlast line"),
        Attempts = 3,
    };

    private readonly HttpClient _client = OperatorHttpClient.Create();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", () => Results.Ok()));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_slack_alert_carries_the_reason_the_attempts_and_the_end_of_the_log_in_blocks()
    {
        var body = await Send(NotifyChannel.Slack);

        Assert.Equal("Run failed: Node 'train' of carrier-costs failed", body["text"]!.GetValue<string>());
        var blocks = body["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "section", "section"], blocks.Select(b => b!["type"]!.GetValue<string>()));
        var fields = blocks[2]!["fields"]!.AsArray().Select(f => f!["text"]!.GetValue<string>()).ToArray();
        Assert.Equal(["*Reason*\nPOST https://ml.example/jobs answered 500 &lt;Internal&gt;", "*Attempts*\n3"], fields);
        var log = blocks[3]!["text"]!["text"]!.GetValue<string>();
        Assert.StartsWith("```…", log, StringComparison.Ordinal);
        Assert.EndsWith("\nlast line```", log, StringComparison.Ordinal);
        Assert.True(log.Length <= NotifyMessage.MaxLogExcerpt + 10);
    }

    [Fact]
    public async Task A_teams_alert_carries_them_as_facts_and_a_monospace_block()
    {
        var card = (await Send(NotifyChannel.Teams))["attachments"]![0]!["content"]!;

        var facts = card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray();
        Assert.Equal(["Reason", "Attempts"], facts.Select(f => f!["title"]!.GetValue<string>()));
        Assert.Equal("3", facts[1]!["value"]!.GetValue<string>());
        Assert.Equal("Monospace", card["body"]!.AsArray().Last()!["fontType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_alert_is_flat_json()
    {
        var body = await Send(NotifyChannel.Webhook);

        Assert.Equal(3, body["attempts"]!.GetValue<int>());
        Assert.Equal(Alert.Reason, body["reason"]!.GetValue<string>());
        Assert.EndsWith("last line", body["log"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> Send(NotifyChannel channel)
    {
        var delivery = new NotifyDelivery("alert/run-1", TimeSpan.FromSeconds(10), TimeProvider.System, new RecordingAttemptLog());
        var status = await new NotifySender(_client).SendAsync(channel, new Uri(_server.Url("/hook")), Alert, delivery, CancellationToken.None);
        Assert.Equal(200, status);
        var received = Assert.Single(_server.Received);
        Assert.Equal("alert/run-1", received.Header("Idempotency-Key"));
        return JsonNode.Parse(received.Body)!;
    }
}
