using System.Globalization;
using DurableDags.Core.States;
using DurableDags.Engine.Alerts;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Engine.Tests.Runs;
using DurableDags.Storage.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Alerts;

/// <summary>Email alerts of real runs, sent with System.Net.Mail to a real SMTP server on loopback.</summary>
public sealed class EmailAlertTests : IAsyncLifetime
{
    private const string Refused = "nobody@example.org";
    private static readonly DateTimeOffset LogicalDate = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

    private DagRunHarness _harness = null!;
    private LoopbackServer _http = null!;
    private SmtpPeer _smtp = null!;

    public async Task InitializeAsync()
    {
        _http = await LoopbackServer.StartAsync(app => app.MapGet("/fail", () => Results.Text($"boom {DagRunHarness.Secret}", statusCode: 500)));
        _smtp = await SmtpPeer.StartAsync(Refused);
        _harness = new DagRunHarness
        {
            Settings = new Dictionary<string, string?>
            {
                ["DurableDags:Smtp:Host"] = "127.0.0.1",
                ["DurableDags:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["DurableDags:Smtp:From"] = "dags@example.org",
                ["DurableDags:Smtp:EnableSsl"] = "false",
                ["DurableDags:PublicUrl"] = "https://dags.example.org/",
                ["DurableDags:Alerts:RetryDelay"] = "00:00:00",
            },
        };
        await _harness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _smtp.DisposeAsync();
        await _http.DisposeAsync();
    }

    [Fact]
    public async Task A_retry_and_a_failed_node_are_mailed_with_every_field_and_secrets_masked()
    {
        await _harness.PutDagAsync("mailing", $$$"""
            id: mailing
            params: { region: { type: string, default: eu }, token: { type: string, default: "" } }
            alerts:
              onRetry: { channel: email, to: [oncall@example.org] }
              onNodeFailed: { channel: email, to: [oncall@example.org, data@example.org] }
            nodes:
              flaky: { type: http, retries: 1, retryDelay: 10s, with: { url: "{{{_http.Url("/fail")}}}" } }
            """);

        var parameters = System.Text.Json.JsonSerializer.SerializeToElement(new { region = "eu", token = DagRunHarness.Secret });
        await _harness.StartRunAsync("mailing", logicalDate: LogicalDate, parameters: parameters);
        await _harness.UntilNodeAsync("mailing", "flaky", n => n.State == NodeState.UpForRetry);
        var retryAt = _harness.Time.GetUtcNow() + TimeSpan.FromSeconds(10);
        await EngineHarness.UntilAsync(() => Task.FromResult(_smtp.Messages.Count >= 1));
        _harness.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(RunState.Failed, (await _harness.WaitAsync("mailing")).State);
        await EngineHarness.UntilAsync(() => Task.FromResult(_smtp.Messages.Count >= 2));

        var mails = _smtp.Messages.ToDictionary(m => m.Message.Subject ?? "");
        Assert.Equal(["mailing: node flaky failed (run r1)", "mailing: node flaky will retry (run r1)"], mails.Keys.Order(StringComparer.Ordinal));
        var (retry, failed) = (mails["mailing: node flaky will retry (run r1)"], mails["mailing: node flaky failed (run r1)"]);
        Assert.Equal(("dags@example.org", "oncall@example.org"), (retry.From, retry.To.Single()));
        Assert.Equal(["oncall@example.org", "data@example.org"], failed.To);
        Assert.Equal(["oncall@example.org", "data@example.org"], failed.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("dags@example.org", failed.Message.From.Mailboxes.Single().Address);
        Assert.StartsWith("r1:flaky:2:onNodeFailed#0", failed.Message.Headers[AlertMail.KeyHeader], StringComparison.Ordinal);
        foreach (var mail in (SmtpPeer.Received[])[retry, failed])
        {
            var body = mail.Message.TextBody ?? "";
            Assert.Contains("DAG: mailing\n", body, StringComparison.Ordinal);
            Assert.Contains("Run: r1\n", body, StringComparison.Ordinal);
            Assert.Contains("Logical date: 2026-03-01T06:00:00Z\n", body, StringComparison.Ordinal);
            Assert.Contains("Failed node: flaky\n", body, StringComparison.Ordinal);
            Assert.Contains("""Params: {"region":"eu","token":"***"}""", body, StringComparison.Ordinal);
            Assert.Matches("Reason: .*answered 500.*boom \\*\\*\\*", body);
            Assert.Contains("Log:\n", body, StringComparison.Ordinal);
            Assert.Contains("/fail", body[body.IndexOf("Log:\n", StringComparison.Ordinal)..], StringComparison.Ordinal);
            Assert.Contains("https://dags.example.org/dags/mailing/runs/r1?node=flaky", body, StringComparison.Ordinal);
            Assert.DoesNotContain(DagRunHarness.Secret, mail.Message.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains("Attempts: 1\n", retry.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Next retry: {retryAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\n", retry.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Attempts: 2\n", failed.Message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Next retry", failed.Message.TextBody, StringComparison.Ordinal);
        var records = await _harness.Get<AlertLog>().ListAsync("mailing", "r1", EngineHarness.Deadline());
        Assert.Equal(["email to oncall@example.org", "email to oncall@example.org, data@example.org"],
            records.OrderBy(r => r.Attempt).Select(r => r.Target));
        Assert.All(records, r => Assert.Equal((AlertDeliveryState.Sent, 1), (r.State, r.Tries)));
    }

    [Fact]
    public async Task A_refused_recipient_is_recorded_failed_once_and_neither_fails_the_run_nor_stops_the_other_target()
    {
        await _harness.PutDagAsync("refusing", $$"""
            id: refusing
            alerts:
              onSuccess: [{ channel: email, to: [{{Refused}}] }, { channel: email, to: [ok@example.org] }]
            nodes: { a: { type: noop } }
            """);

        await _harness.StartRunAsync("refusing");
        Assert.Equal(RunState.Succeeded, (await _harness.WaitAsync("refusing")).State);
        await EngineHarness.UntilAsync(async () => (await _harness.Get<AlertLog>().ListAsync("refusing", "r1", EngineHarness.Deadline())).Count == 2);

        Assert.Equal(["ok@example.org"], _smtp.Messages.Select(m => m.To.Single()));
        var records = (await _harness.Get<AlertLog>().ListAsync("refusing", "r1", EngineHarness.Deadline())).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.Equal((AlertDeliveryState.Failed, 1), (records[0].State, records[0].Tries));
        Assert.Contains("answered 550", records[0].Error, StringComparison.Ordinal);
        Assert.Equal("email to nobody@example.org", records[0].Target);
        Assert.Equal((AlertDeliveryState.Sent, 1), (records[1].State, records[1].Tries));
        Assert.Equal(RunState.Succeeded, (await _harness.RunAsync("refusing")).State);
    }
}
