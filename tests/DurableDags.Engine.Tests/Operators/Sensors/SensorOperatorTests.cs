using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Sensors;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Sensors;

public sealed class SensorOperatorTests : IDisposable
{
    private const string ReadyWhenTrue = """
        {
          "http": { "url": "$BASE/ready", "headers": { "Authorization": "Bearer ${{ secrets.TOKEN }}" } },
          "condition": "${{ response.body.ready }}",
          "pollInterval": "25s"
        }
        """;

    private readonly HttpClient _client = OperatorHttpClient.Create();

    public void Dispose() => _client.Dispose();

    private SensorOperator Sensor => new(_client, new BlobProbes(null, _ => null));

    [Fact]
    public async Task It_checks_on_timers_until_the_condition_holds_and_outputs_the_response()
    {
        await using var server = await ReadyServer(readyFromCall: 3);
        var time = new ManualTimeProvider();

        var (result, steps, polls) = await OperatorTestRequest.DriveAsync(
            Sensor, OperatorTestRequest.For("sensor", ReadyWhenTrue, time: time, server: server), time);

        var output = Assert.IsType<OperatorResult.Succeeded>(result).Output!;
        Assert.True(output["body"]!["ready"]!.GetValue<bool>());
        Assert.Equal(200, output["status"]!.GetValue<int>());
        Assert.Equal(3, steps);
        Assert.Equal(3, server.CountOf("/ready"));
        Assert.All(polls, p => Assert.Equal(TimeSpan.FromSeconds(25), p.After));
        Assert.Equal([1, 2], polls.Select(p => p.State!["checks"]!.GetValue<int>()));
        Assert.All(server.Received, r => Assert.Null(r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task Without_a_condition_it_waits_for_a_2xx()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/export.csv", () =>
            Interlocked.Increment(ref calls) < 3 ? Results.NotFound() : Results.Text("a,b\n1,2", "text/csv")));

        var (result, steps, _) = await OperatorTestRequest.DriveAsync(
            Sensor, OperatorTestRequest.For("sensor", """{ "http": { "url": "$BASE/export.csv" } }""", server: server));

        Assert.Equal("a,b\n1,2", Assert.IsType<OperatorResult.Succeeded>(result).Output!["body"]!.GetValue<string>());
        Assert.Equal(3, steps);
    }

    [Fact]
    public async Task A_server_error_costs_only_one_check()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/ready", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(503) : Results.Json(new { ready = true })));
        var log = new RecordingAttemptLog();

        var (result, steps, _) = await OperatorTestRequest.DriveAsync(
            Sensor, OperatorTestRequest.For("sensor", ReadyWhenTrue, log: log, server: server));

        Assert.IsType<OperatorResult.Succeeded>(result);
        Assert.Equal(2, steps);
        Assert.Contains(log.Lines, l => l.StartsWith("check 1: GET", StringComparison.Ordinal) && l.Contains("answered 503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_node_timeout_passes_it_fails_without_retry_and_says_why()
    {
        await using var server = await ReadyServer(readyFromCall: int.MaxValue);
        var time = new ManualTimeProvider();

        var (result, steps, polls) = await OperatorTestRequest.DriveAsync(
            Sensor, OperatorTestRequest.For("sensor", ReadyWhenTrue, timeout: TimeSpan.FromMinutes(1), time: time, server: server), time);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Equal("the sensor timed out after 1m: its condition did not hold in 4 checks; the last: status 200, condition false", failed.Error);
        Assert.Equal(4, steps);
        // The last wait is cut short so the sensor reports its timeout at the deadline itself.
        Assert.Equal([TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(10)], polls.Select(p => p.After));
    }

    [Fact]
    public async Task With_softFail_a_timeout_ends_the_node_skipped()
    {
        await using var server = await ReadyServer(readyFromCall: int.MaxValue);
        var time = new ManualTimeProvider();
        var with = ReadyWhenTrue.Replace("\"pollInterval\": \"25s\"", "\"pollInterval\": \"25s\", \"softFail\": true", StringComparison.Ordinal);

        var (result, _, _) = await OperatorTestRequest.DriveAsync(
            Sensor, OperatorTestRequest.For("sensor", with, timeout: TimeSpan.FromMinutes(1), time: time, server: server), time);

        Assert.StartsWith("the sensor timed out after 1m", Assert.IsType<OperatorResult.Skipped>(result).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_poke_mode_it_checks_within_one_step()
    {
        await using var server = await ReadyServer(readyFromCall: 3);
        var with = ReadyWhenTrue.Replace("\"pollInterval\": \"25s\"", "\"pollInterval\": \"20ms\", \"mode\": \"poke\"", StringComparison.Ordinal);

        var (result, steps, _) = await OperatorTestRequest.DriveAsync(
            Sensor, OperatorTestRequest.For("sensor", with, server: server));

        Assert.IsType<OperatorResult.Succeeded>(result);
        Assert.Equal(1, steps);
        Assert.Equal(3, server.CountOf("/ready"));
    }

    [Fact]
    public async Task The_log_never_holds_the_secret_header()
    {
        await using var server = await ReadyServer(readyFromCall: 2);
        var log = new RecordingAttemptLog();

        await OperatorTestRequest.DriveAsync(Sensor, OperatorTestRequest.For("sensor", ReadyWhenTrue, log: log, server: server));

        Assert.Equal($"Bearer {OperatorTestRequest.SecretToken}", server.Received.First().Header("Authorization"));
        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(OperatorTestRequest.SecretToken, log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "blob": { "container": "drops", "name": "a.csv" } }""", "blob sensors need blob storage and this host has none configured")]
    [InlineData("""{ "blob": { "container": "drops", "name": "a.csv", "connection": "DropsStorage" } }""", "blob.connection: the app setting 'DropsStorage' is not set")]
    [InlineData("""{ "blob": { "container": "drops" } }""", "with.blob: a blob sensor needs exactly one of name or prefix")]
    [InlineData("""{ "pollInterval": "1m" }""", "with: a sensor needs exactly one of http or blob")]
    [InlineData("""{ "http": { "url": "http://127.0.0.1/" }, "mode": "busy" }""", "with.mode: 'busy' is not a mode; use reschedule or poke")]
    public async Task Bad_settings_and_missing_storage_fail_without_retry(string with, string error)
    {
        var result = await Sensor.ExecuteAsync(OperatorTestRequest.For("sensor", with), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.StartsWith(error, failed.Error, StringComparison.Ordinal);
    }

    /// <summary>GET /ready answers <c>{ ready }</c>, true from the given call on.</summary>
    private static Task<LoopbackServer> ReadyServer(int readyFromCall)
    {
        var calls = 0;
        return LoopbackServer.StartAsync(app => app.MapGet("/ready", () =>
            Results.Json(new { ready = Interlocked.Increment(ref calls) >= readyFromCall })));
    }
}
