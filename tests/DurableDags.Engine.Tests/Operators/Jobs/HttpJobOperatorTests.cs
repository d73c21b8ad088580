using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Jobs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Jobs;

public sealed class HttpJobOperatorTests : IDisposable
{
    private const string Job = """
        {
          "submit": { "url": "$BASE/jobs", "body": { "date": "${{ params.date }}" } },
          "poll": { "url": "${{ submit.body.statusUrl }}" },
          "pollInterval": "30s",
          "successWhen": "${{ poll.body.state == 'SUCCEEDED' }}",
          "failWhen": "${{ poll.body.state in ['FAILED', 'CANCELLED'] }}"
        }
        """;

    private readonly HttpClient _client = OperatorHttpClient.Create();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task It_submits_once_then_polls_on_timers_until_successWhen_holds()
    {
        await using var server = await JobServer("RUNNING", "RUNNING", "SUCCEEDED");
        var time = new ManualTimeProvider();
        var first = OperatorTestRequest.For("http-job", Job, time: time, server: server);

        var (result, steps, polls) = await OperatorTestRequest.DriveAsync(new HttpJobOperator(_client), first, time);

        var output = Assert.IsType<OperatorResult.Succeeded>(result).Output!;
        Assert.Equal("SUCCEEDED", output["state"]!.GetValue<string>());
        Assert.Equal(0.93, output["accuracy"]!.GetValue<double>());
        Assert.Equal(4, steps);
        Assert.All(polls, p => Assert.Equal(TimeSpan.FromSeconds(30), p.After));
        Assert.Equal([0, 1, 2], polls.Select(p => p.State!["pollCount"]!.GetValue<int>()));
        var submit = Assert.Single(server.Received, r => r.Method == "POST");
        Assert.Equal("run-1/step/1", submit.Header("Idempotency-Key"));
        Assert.Equal("2026-01-31", JsonNode.Parse(submit.Body)!["date"]!.GetValue<string>());
        Assert.Equal(3, server.CountOf("/jobs/j1"));
    }

    [Fact]
    public async Task The_output_setting_reads_submit_and_poll()
    {
        await using var server = await JobServer("SUCCEEDED");
        var with = Job.Replace("\"pollInterval\": \"30s\",", """
            "pollInterval": "30s",
            "output": { "job": "${{ submit.body.id }}", "status": "${{ poll.status }}", "accuracy": "${{ poll.body.accuracy }}" },
            """, StringComparison.Ordinal);

        var (result, _, _) = await OperatorTestRequest.DriveAsync(
            new HttpJobOperator(_client), OperatorTestRequest.For("http-job", with, server: server));

        var output = Assert.IsType<OperatorResult.Succeeded>(result).Output!;
        Assert.Equal("""{"job":"j1","status":200,"accuracy":0.93}""", output.ToJsonString());
    }

    [Fact]
    public async Task A_job_that_meets_failWhen_fails_the_attempt_as_retryable()
    {
        await using var server = await JobServer("RUNNING", "FAILED");

        var (result, steps, _) = await OperatorTestRequest.DriveAsync(
            new HttpJobOperator(_client), OperatorTestRequest.For("http-job", Job, server: server));

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.True(failed.Retryable);
        Assert.Equal(3, steps);
        Assert.StartsWith("the job failed: failWhen '${{ poll.body.state in ['FAILED', 'CANCELLED'] }}' held at poll 2", failed.Error, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"FAILED\"", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_poll_error_costs_only_that_poll()
    {
        await using var server = await JobServer("503", "RUNNING", "SUCCEEDED");
        var log = new RecordingAttemptLog();

        var (result, steps, polls) = await OperatorTestRequest.DriveAsync(
            new HttpJobOperator(_client), OperatorTestRequest.For("http-job", Job, log: log, server: server));

        Assert.IsType<OperatorResult.Succeeded>(result);
        Assert.Equal(4, steps);
        Assert.Equal(1, polls[1].State!["pollErrors"]!.GetValue<int>());
        Assert.Equal(0, polls[2].State!["pollErrors"]!.GetValue<int>());
        Assert.Contains(log.Lines, l => l.StartsWith("poll 1 failed", StringComparison.Ordinal) && l.Contains("answered 503", StringComparison.Ordinal));
        Assert.Equal(1, server.CountOf("/jobs"));
    }

    [Fact]
    public async Task Five_transient_poll_errors_in_a_row_fail_the_attempt_as_retryable()
    {
        await using var server = await JobServer("503", "503", "503", "503", "503", "SUCCEEDED");

        var (result, steps, _) = await OperatorTestRequest.DriveAsync(
            new HttpJobOperator(_client), OperatorTestRequest.For("http-job", Job, server: server));

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.True(failed.Retryable);
        Assert.Equal(1 + HttpJobOperator.MaxPollErrors, steps);
        Assert.StartsWith("5 polls in a row failed", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_submit_fails_without_polling()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapPost("/jobs", () => Results.Json(new { error = "date is in the future" }, statusCode: 422)));

        var (result, steps, _) = await OperatorTestRequest.DriveAsync(
            new HttpJobOperator(_client), OperatorTestRequest.For("http-job", Job, server: server));

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Equal(1, steps);
        Assert.Contains("answered 422", failed.Error, StringComparison.Ordinal);
        Assert.Contains("date is in the future", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successWhen_that_gives_no_boolean_fails_without_retry()
    {
        await using var server = await JobServer("RUNNING");
        var with = Job.Replace("${{ poll.body.state == 'SUCCEEDED' }}", "${{ poll.body.state }}", StringComparison.Ordinal);

        var (result, _, _) = await OperatorTestRequest.DriveAsync(
            new HttpJobOperator(_client), OperatorTestRequest.For("http-job", with, server: server));

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Equal("with.successWhen: expected true or false, got a string", failed.Error);
    }

    /// <summary>
    /// A job service: POST /jobs submits job j1; each GET /jobs/j1 answers the next state in turn
    /// (a number answers that status instead), the last one from then on.
    /// </summary>
    private static Task<LoopbackServer> JobServer(params string[] states)
    {
        var polls = 0;
        return LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/jobs", (HttpContext context) => Results.Json(
                new { id = "j1", statusUrl = $"{context.Request.Scheme}://{context.Request.Host}/jobs/j1" }, statusCode: 201));
            app.MapGet("/jobs/j1", () =>
            {
                var state = states[Math.Min(Interlocked.Increment(ref polls), states.Length) - 1];
                return int.TryParse(state, out var status)
                    ? Results.StatusCode(status)
                    : Results.Json(new { state, accuracy = 0.93 });
            });
        });
    }
}
