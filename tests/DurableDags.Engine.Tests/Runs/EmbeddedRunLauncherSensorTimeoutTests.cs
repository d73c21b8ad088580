using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Runs;

/// <summary>
/// A sensor whose node <c>timeout</c> passes ends for good, whatever its <c>retries</c>: the
/// timeout is the sensor's answer, and a retry would only wait as long again.
/// </summary>
public sealed class EmbeddedRunLauncherSensorTimeoutTests : IAsyncLifetime
{
    private readonly DagRunHarness _harness = new();
    private LoopbackServer _server = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_sensor_that_times_out_fails_after_one_attempt_despite_its_retries()
    {
        var node = await TimeOutAsync(softFail: false);

        Assert.Equal((NodeState.Failed, 1), (node.State, node.Attempts));
        Assert.StartsWith("the sensor timed out after 10m: its condition did not hold", node.Error, StringComparison.Ordinal);
        Assert.Equal(RunState.Failed, (await _harness.WaitAsync("watch")).State);
        await _harness.UntilNodeAsync("watch", "after", n => n.State == NodeState.UpstreamFailed);
        var attempt = Assert.Single(await _harness.Store.ListAttemptsAsync("watch", "r1", new NodeInstance("ready"), EngineHarness.Deadline()));
        Assert.Equal(NodeState.Failed, attempt.State);
    }

    [Fact]
    public async Task A_sensor_with_softFail_that_times_out_ends_skipped_after_one_attempt()
    {
        var node = await TimeOutAsync(softFail: true);

        Assert.Equal((NodeState.Skipped, 1), (node.State, node.Attempts));
        Assert.Equal(RunState.Succeeded, (await _harness.WaitAsync("watch")).State);
        await _harness.UntilNodeAsync("watch", "after", n => n.State == NodeState.Skipped);
        Assert.Single(await _harness.Store.ListAttemptsAsync("watch", "r1", new NodeInstance("ready"), EngineHarness.Deadline()));
    }

    /// <summary>Runs a sensor whose condition never holds past its timeout; returns its node once it left running.</summary>
    private async Task<NodeRecord> TimeOutAsync(bool softFail)
    {
        _server = await _harness.ServeAsync(app => app.MapGet("/status", () => Results.Json(new { ready = false })));
        await _harness.StartAsync();
        await _harness.PutDagAsync("watch", $$$"""
            id: watch
            nodes:
              ready:
                type: sensor
                retries: 3
                retryDelay: 1s
                timeout: 10m
                with: { http: { url: "{{{_server.Url("/status")}}}" }, pollInterval: 1m, softFail: {{{(softFail ? "true" : "false")}}}, condition: "${{ response.body.ready }}" }
              after: { needs: [ready], type: noop }
            """);
        await _harness.StartRunAsync("watch");
        await _harness.UntilNodeAsync("watch", "ready", n => n.State == NodeState.Waiting);

        _harness.Time.Advance(TimeSpan.FromMinutes(10));

        // Up for retry counts as left running too, so a retried timeout fails here rather than at the deadline.
        NodeRecord? ended = null;
        await _harness.UntilNodeAsync("watch", "ready", n => (ended = n).State is NodeState.Failed or NodeState.Skipped or NodeState.UpForRetry);
        return ended!;
    }
}
