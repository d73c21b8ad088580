using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Http;

public sealed class HttpOperatorTests : IDisposable
{
    private readonly HttpClient _client = OperatorHttpClient.Create();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_json_response_becomes_status_selected_headers_and_a_parsed_body()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/carriers", (HttpContext context) =>
        {
            context.Response.Headers.ETag = "\"v7\"";
            context.Response.Headers.Link = "</carriers?page=2>; rel=\"next\"";
            context.Response.Headers["Set-Cookie"] = "session=abc";
            return Results.Json(new { carriers = new[] { new { id = "c1", routes = 2 } } });
        }));
        var request = OperatorTestRequest.For("http", """
            { "url": "$BASE/carriers" }
            """, server: server);

        var result = await new HttpOperator(_client).ExecuteAsync(request, CancellationToken.None);

        var output = Assert.IsType<OperatorResult.Succeeded>(result).Output!;
        Assert.Equal(200, output["status"]!.GetValue<int>());
        Assert.Equal("c1", output["body"]!["carriers"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(2, output["body"]!["carriers"]![0]!["routes"]!.GetValue<int>());
        Assert.Equal("\"v7\"", output["headers"]!["etag"]!.GetValue<string>());
        Assert.Equal("</carriers?page=2>; rel=\"next\"", output["headers"]!["link"]!.GetValue<string>());
        Assert.StartsWith("application/json", output["headers"]!["content-type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(output["headers"]!["set-cookie"]);
    }

    [Fact]
    public async Task A_text_response_is_kept_as_text_and_an_empty_one_is_null()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/text", () => Results.Text("{ not json at all", "text/plain"));
            app.MapDelete("/empty", () => Results.NoContent());
        });
        var op = new HttpOperator(_client);

        var text = await op.ExecuteAsync(OperatorTestRequest.For("http", """{ "url": "$BASE/text" }""", server: server), CancellationToken.None);
        var empty = await op.ExecuteAsync(OperatorTestRequest.For("http", """{ "method": "delete", "url": "$BASE/empty" }""", server: server), CancellationToken.None);

        Assert.Equal("{ not json at all", Assert.IsType<OperatorResult.Succeeded>(text).Output!["body"]!.GetValue<string>());
        var emptyOutput = Assert.IsType<OperatorResult.Succeeded>(empty).Output!;
        Assert.Equal(204, emptyOutput["status"]!.GetValue<int>());
        Assert.Null(emptyOutput["body"]);
        Assert.Equal("DELETE", server.Received.Single(r => r.Path == "/empty").Method);
    }

    [Fact]
    public async Task An_object_body_is_sent_as_json_and_a_string_body_as_text()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/costs", () => Results.Ok()));
        var op = new HttpOperator(_client);

        await op.ExecuteAsync(OperatorTestRequest.For("http", """
            { "method": "POST", "url": "$BASE/costs", "body": { "date": "${{ params.date }}", "limit": "${{ params.limit }}" } }
            """, server: server), CancellationToken.None);
        await op.ExecuteAsync(OperatorTestRequest.For("http", """
            { "method": "POST", "url": "$BASE/costs", "body": "date=${{ params.date }}" }
            """, server: server), CancellationToken.None);

        var received = server.Received.ToArray();
        Assert.StartsWith("application/json", received[0].Header("Content-Type"), StringComparison.Ordinal);
        var json = JsonNode.Parse(received[0].Body)!;
        Assert.Equal("2026-01-31", json["date"]!.GetValue<string>());
        Assert.Equal(3, json["limit"]!.GetValue<int>());
        Assert.StartsWith("text/plain", received[1].Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("date=2026-01-31", received[1].Body);
    }

    [Fact]
    public async Task The_idempotency_key_node_headers_and_query_reach_the_server()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/routes", () => Results.Ok()));
        var request = OperatorTestRequest.For("http", """
            {
              "url": "$BASE/routes?region=north",
              "headers": { "Authorization": "Bearer ${{ secrets.TOKEN }}", "X-Limit": "${{ params.limit }}" },
              "query": { "date": "${{ params.date }}", "tag": ["a b", "c&d"] }
            }
            """, server: server);

        await new HttpOperator(_client).ExecuteAsync(request, CancellationToken.None);

        var received = Assert.Single(server.Received);
        Assert.Equal("run-1/step/1", received.Header("Idempotency-Key"));
        Assert.Equal($"Bearer {OperatorTestRequest.SecretToken}", received.Header("Authorization"));
        Assert.Equal("3", received.Header("X-Limit"));
        Assert.Equal("?region=north&date=2026-01-31&tag=a%20b&tag=c%26d", received.Query);
    }

    [Fact]
    public async Task An_unexpected_4xx_fails_without_retry_naming_the_status_and_the_body()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/missing", () => Results.Text("carrier c9 is unknown", "text/plain", statusCode: 404)));

        var result = await new HttpOperator(_client).ExecuteAsync(
            OperatorTestRequest.For("http", """{ "url": "$BASE/missing" }""", server: server), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains("answered 404, expected 2xx", failed.Error, StringComparison.Ordinal);
        Assert.Contains("carrier c9 is unknown", failed.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(409, false)]
    public async Task Server_errors_timeouts_and_throttling_are_retryable_other_client_errors_are_not(int status, bool retryable)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/status", () => Results.StatusCode(status)));

        var result = await new HttpOperator(_client).ExecuteAsync(
            OperatorTestRequest.For("http", """{ "url": "$BASE/status" }""", server: server), CancellationToken.None);

        Assert.Equal(retryable, Assert.IsType<OperatorResult.Failed>(result).Retryable);
    }

    [Fact]
    public async Task Expected_status_may_be_a_list_of_codes_and_ranges()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/gone", () => Results.StatusCode(404));
            app.MapGet("/ok", () => Results.Ok());
        });
        var op = new HttpOperator(_client);
        const string Expect = """ "expectStatus": [404, "300-399"] """;

        var gone = await op.ExecuteAsync(OperatorTestRequest.For("http", """{ "url": "$BASE/gone", EXPECT }""".Replace("EXPECT", Expect, StringComparison.Ordinal), server: server), CancellationToken.None);
        var ok = await op.ExecuteAsync(OperatorTestRequest.For("http", """{ "url": "$BASE/ok", EXPECT }""".Replace("EXPECT", Expect, StringComparison.Ordinal), server: server), CancellationToken.None);

        Assert.Equal(404, Assert.IsType<OperatorResult.Succeeded>(gone).Output!["status"]!.GetValue<int>());
        Assert.Contains("expected [404,\"300-399\"]", Assert.IsType<OperatorResult.Failed>(ok).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_slower_than_the_node_timeout_fails_the_attempt_as_retryable()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/slow", async (HttpContext context) =>
        {
            // Holds the request until the client gives up and the connection is aborted.
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                released.TrySetResult();
            }
        }));
        var log = new RecordingAttemptLog();
        // The timeout runs on a clock the test moves once the server holds the request: on real
        // time, a loaded machine could let 300 ms pass before the request even reached the server.
        var time = new ManualTimeProvider();

        var call = new HttpOperator(_client).ExecuteAsync(
            OperatorTestRequest.For("http", """{ "url": "$BASE/slow" }""", server: server, timeout: TimeSpan.FromMilliseconds(300), time: time, log: log),
            CancellationToken.None);
        await WaitUntil(() => server.CountOf("/slow") == 1);
        time.Advance(TimeSpan.FromMilliseconds(300));
        var result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.True(failed.Retryable);
        Assert.Contains("timed out after 300ms", failed.Error, StringComparison.Ordinal);
        await released.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(log.Lines, l => l.Contains("timed out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        string url;
        await using (var server = await LoopbackServer.StartAsync(_ => { }))
        {
            url = server.Url("/gone");
        }

        var result = await new HttpOperator(_client).ExecuteAsync(
            OperatorTestRequest.For("http", $$"""{ "url": "{{url}}" }"""), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.True(failed.Retryable);
        Assert.StartsWith($"GET {url} failed", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_failure()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/slow", (HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted)));
        using var cancel = new CancellationTokenSource();
        var call = new HttpOperator(_client).ExecuteAsync(
            OperatorTestRequest.For("http", """{ "url": "$BASE/slow" }""", server: server), cancel.Token);

        await WaitUntil(() => server.CountOf("/slow") == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Theory]
    [InlineData("""{ "url": "${{ params.missing }}" }""", "with.url: '${{ params.missing }}' gave null; expected a string")]
    [InlineData("""{ "url": "${{ params.date < 1 }}" }""", "with.url: expression '${{ params.date < 1 }}' at column")]
    [InlineData("""{ "method": "GET" }""", "with.url is required")]
    [InlineData("""{ "url": "ftp://files.example/a" }""", "with.url: 'ftp://files.example/a' is not an absolute http or https URL")]
    [InlineData("""{ "url": "http://127.0.0.1/", "headers": ["x"] }""", "with.headers: expected an object of header names and values, got a list")]
    [InlineData("""{ "url": "http://127.0.0.1/", "headers": { "Bad Name": "x" } }""", "GET http://127.0.0.1/: 'Bad Name' is not a valid header name")]
    [InlineData("""{ "url": "http://127.0.0.1/", "method": "${{ 'GE T' }}" }""", "with.method: 'GE T' is not an HTTP method")]
    [InlineData("""{ "url": "http://127.0.0.1/", "expectStatus": "2xy" }""", "with.expectStatus: '\"2xy\"' is not a status")]
    [InlineData("""{ "url": "http://127.0.0.1/", "body": { "n": "${{ 1 < 'a' }}" } }""", "with.body.n: expression '${{ 1 < 'a' }}' at column")]
    public async Task Bad_settings_fail_without_retry_naming_the_setting(string with, string error)
    {
        var result = await new HttpOperator(_client).ExecuteAsync(OperatorTestRequest.For("http", with), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.StartsWith(error, failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_in_the_url_and_headers_never_reach_the_log_or_the_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/private", () => Results.StatusCode(403)));
        // No redaction in the log: the operator alone must keep the secret out.
        var log = new RecordingAttemptLog();
        var request = OperatorTestRequest.For("http", """
            {
              "url": "$BASE/private?token=${{ secrets.TOKEN }}",
              "headers": { "Authorization": "Bearer ${{ secrets.TOKEN }}" }
            }
            """, server: server, log: log);

        var result = await new HttpOperator(_client).ExecuteAsync(request, CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.Equal($"?token={OperatorTestRequest.SecretToken}", Assert.Single(server.Received).Query);
        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(OperatorTestRequest.SecretToken, log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(OperatorTestRequest.SecretToken, failed.Error, StringComparison.Ordinal);
        Assert.Contains("?token=${{ secrets.TOKEN }}", failed.Error, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(10);
        }
    }
}
