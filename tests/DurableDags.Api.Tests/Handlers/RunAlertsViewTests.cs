using DurableDags.Api.Tests.Fixtures;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>A run's alerts appear in its GET response, sent or failed, so the UI can show them.</summary>
public sealed class RunAlertsViewTests
{
    [Fact]
    public async Task A_failed_delivery_is_listed_with_its_target_tries_and_error()
    {
        await using var server = await ApiServer.OnFolderAsync(settings: new Dictionary<string, string?>
        {
            // Nothing listens on port 1: every try fails at once.
            ["DurableDags:Secrets:NOTIFY_WEBHOOK_URL"] = "http://127.0.0.1:1/hook",
            ["DurableDags:Alerts:RetryDelay"] = "00:00:00",
        });
        (await server.PutDagAsync("alerted", "id: alerted\nalerts: { onSuccess: webhook }\nnodes: { a: { type: noop } }\n")).Dispose();

        var runId = await server.TriggerAsync("alerted");
        var run = await server.WaitForRunAsync("alerted", runId, r => r.GetProperty("alerts").GetArrayLength() > 0);

        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        var alert = Assert.Single(run.GetProperty("alerts").EnumerateArray());
        Assert.Equal("onSuccess", alert.GetProperty("kind").GetString());
        Assert.Equal("webhook secrets.NOTIFY_WEBHOOK_URL", alert.GetProperty("target").GetString());
        Assert.Equal("failed", alert.GetProperty("state").GetString());
        Assert.Equal(3, alert.GetProperty("tries").GetInt32());
        Assert.Contains("127.0.0.1:1", alert.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
