using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Notifications;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Notifications;

public sealed class NotifyOperatorTests : IDisposable
{
    private readonly HttpClient _client = OperatorHttpClient.Create();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Slack_gets_text_and_a_header_block_at_the_secret_url()
    {
        await using var server = await WebhookServer();
        var log = new RecordingAttemptLog();
        var request = OperatorTestRequest.For("notify", """
            { "channel": "slack", "url": "${{ secrets.WEBHOOK_URL }}", "title": "carrier-costs", "text": "Costs for ${{ params.date }}: *3* carriers" }
            """, log: log, server: server);

        var result = await new NotifyOperator(_client).ExecuteAsync(request, CancellationToken.None);

        Assert.Equal("""{"status":200}""", Assert.IsType<OperatorResult.Succeeded>(result).Output!.ToJsonString());
        var received = Assert.Single(server.Received);
        Assert.Equal($"/services/{OperatorTestRequest.SecretWebhook}", received.Path);
        Assert.Equal("run-1/step/1", received.Header("Idempotency-Key"));
        var body = JsonNode.Parse(received.Body)!;
        Assert.Equal("carrier-costs: Costs for 2026-01-31: *3* carriers", body["text"]!.GetValue<string>());
        Assert.Equal("header", body["blocks"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("carrier-costs", body["blocks"]![0]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal("Costs for 2026-01-31: *3* carriers", body["blocks"]![1]!["text"]!["text"]!.GetValue<string>());
        Assert.DoesNotContain(OperatorTestRequest.SecretWebhook, log.ToString(), StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.StartsWith($"POST {server.BaseAddress.Scheme}://{server.BaseAddress.Authority}/…", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slack_without_a_title_gets_plain_text_at_the_hosts_url()
    {
        await using var server = await WebhookServer();

        await new NotifyOperator(_client).ExecuteAsync(
            OperatorTestRequest.For("notify", """{ "channel": "slack", "text": "done" }""", server: server), CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal($"/slack/{OperatorTestRequest.SecretWebhook}", received.Path);
        Assert.Equal("""{"text":"done"}""", received.Body);
    }

    [Fact]
    public async Task Teams_gets_a_message_with_one_adaptive_card()
    {
        await using var server = await WebhookServer();

        await new NotifyOperator(_client).ExecuteAsync(OperatorTestRequest.For("notify", """
            { "channel": "teams", "url": "$BASE/teams", "title": "Report", "text": "Costs for ${{ params.date }}" }
            """, server: server), CancellationToken.None);

        var body = JsonNode.Parse(Assert.Single(server.Received).Body)!;
        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal(["Report", "Costs for 2026-01-31"], card["body"]!.AsArray().Select(b => b!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_generic_webhook_gets_text_and_title_as_json()
    {
        await using var server = await WebhookServer();

        await new NotifyOperator(_client).ExecuteAsync(OperatorTestRequest.For("notify", """
            { "channel": "webhook", "url": "$BASE/hook", "title": "Report", "text": "ok" }
            """, server: server), CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.StartsWith("application/json", received.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("""{"text":"ok","title":"Report"}""", received.Body);
    }

    [Fact]
    public async Task A_refused_post_fails_as_for_http_without_showing_the_url_path()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/services/{**rest}", () => Results.Text("invalid_token", statusCode: 403)));

        var result = await new NotifyOperator(_client).ExecuteAsync(OperatorTestRequest.For("notify", """
            { "channel": "slack", "url": "${{ secrets.WEBHOOK_URL }}", "text": "hi" }
            """, server: server), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains("answered 403, expected 2xx; body: invalid_token", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(OperatorTestRequest.SecretWebhook, failed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "channel": "email", "url": "http://127.0.0.1/", "text": "x" }""", "with.channel: 'email' is not a channel; use slack, teams or webhook")]
    [InlineData("""{ "channel": "teams", "text": "x" }""", "with.url is not set and the host has no secret TEAMS_WEBHOOK_URL for the teams channel: set DurableDags__Secrets__TEAMS_WEBHOOK_URL")]
    [InlineData("""{ "channel": "slack", "url": "http://127.0.0.1/" }""", "with.text is required")]
    [InlineData("""{ "channel": "webhook", "url": "${{ secrets.TOKEN }}", "text": "x" }""", "with.url: '${{ secrets.TOKEN }}' is not an absolute http or https URL")]
    public async Task Bad_settings_fail_without_retry_or_leaking_secrets(string with, string error)
    {
        var failed = Assert.IsType<OperatorResult.Failed>(
            await new NotifyOperator(_client).ExecuteAsync(OperatorTestRequest.For("notify", with), CancellationToken.None));

        Assert.False(failed.Retryable);
        Assert.Equal(error, failed.Error);
    }

    private static Task<LoopbackServer> WebhookServer() => LoopbackServer.StartAsync(app =>
    {
        app.MapPost("/services/{**rest}", () => Results.Text("ok"));
        app.MapPost("/slack/{**rest}", () => Results.Text("ok"));
        app.MapPost("/teams", () => Results.Accepted());
        app.MapPost("/hook", () => Results.NoContent());
    });
}
