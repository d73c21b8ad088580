using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Http;

public sealed class HttpRedirectTests : IDisposable
{
    private readonly HttpClient _client = OperatorHttpClient.Create();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task No_header_the_request_set_follows_a_redirect_to_another_origin()
    {
        await using var other = await LoopbackServer.StartAsync(app => app.MapGet("/landing", () => Results.Text("landed")));
        await using var first = await LoopbackServer.StartAsync(app => app.MapGet("/start", () => Results.Redirect(other.Url("/landing"))));
        var request = OperatorTestRequest.For("http", """
            { "url": "$BASE/start", "headers": { "X-Token": "${{ secrets.TOKEN }}", "Authorization": "Bearer ${{ secrets.TOKEN }}", "X-Tenant": "t1" } }
            """, server: first);

        var result = await new HttpOperator(_client).ExecuteAsync(request, CancellationToken.None);

        Assert.Equal("landed", Assert.IsType<OperatorResult.Succeeded>(result).Output!["body"]!.GetValue<string>());
        Assert.Equal(OperatorTestRequest.SecretToken, first.Received.Single().Header("X-Token"));
        var landed = other.Received.Single();
        Assert.Null(landed.Header("X-Token"));
        Assert.Null(landed.Header("Authorization"));
        Assert.Null(landed.Header("X-Tenant"));
        Assert.Null(landed.Header(HttpExchange.IdempotencyHeader));
        Assert.DoesNotContain(landed.Headers.Values, v => v.Contains(OperatorTestRequest.SecretToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redirect_back_to_the_first_origin_after_leaving_it_still_carries_no_header()
    {
        LoopbackServer? first = null;
        await using var other = await LoopbackServer.StartAsync(app => app.MapGet("/bounce", () => Results.Redirect(first!.Url("/home"))));
        first = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/start", () => Results.Redirect(other.Url("/bounce")));
            app.MapGet("/home", () => Results.Text("home"));
        });
        await using var _ = first;

        var result = await new HttpOperator(_client).ExecuteAsync(OperatorTestRequest.For("http", """
            { "url": "$BASE/start", "headers": { "X-Token": "${{ secrets.TOKEN }}" } }
            """, server: first), CancellationToken.None);

        Assert.IsType<OperatorResult.Succeeded>(result);
        Assert.Null(first.Received.Single(r => r.Path == "/home").Header("X-Token"));
    }

    [Fact]
    public async Task A_same_origin_307_or_308_repeats_the_method_body_and_headers()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/old", () => Results.Redirect("/moved", permanent: true, preserveMethod: true));
            app.MapPost("/moved", () => Results.Ok());
        });

        var result = await new HttpOperator(_client).ExecuteAsync(OperatorTestRequest.For("http", """
            { "method": "POST", "url": "$BASE/old", "headers": { "X-Token": "${{ secrets.TOKEN }}" }, "body": { "n": 1 } }
            """, server: server), CancellationToken.None);

        Assert.IsType<OperatorResult.Succeeded>(result);
        var moved = server.Received.Single(r => r.Path == "/moved");
        Assert.Equal("POST", moved.Method);
        Assert.Equal("""{"n":1}""", moved.Body);
        Assert.Equal(OperatorTestRequest.SecretToken, moved.Header("X-Token"));
        Assert.Equal("run-1/step/1", moved.Header(HttpExchange.IdempotencyHeader));
    }

    [Fact]
    public async Task A_303_after_a_post_becomes_a_get_without_the_body()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/jobs", (HttpContext context) =>
            {
                context.Response.StatusCode = 303;
                context.Response.Headers.Location = "/jobs/7";
            });
            app.MapGet("/jobs/7", () => Results.Json(new { id = 7 }));
        });

        var result = await new HttpOperator(_client).ExecuteAsync(OperatorTestRequest.For("http", """
            { "method": "POST", "url": "$BASE/jobs", "body": { "n": 1 } }
            """, server: server), CancellationToken.None);

        Assert.Equal(7, Assert.IsType<OperatorResult.Succeeded>(result).Output!["body"]!["id"]!.GetValue<int>());
        var job = server.Received.Single(r => r.Path == "/jobs/7");
        Assert.Equal("GET", job.Method);
        Assert.Equal("", job.Body);
    }

    [Fact]
    public async Task A_redirect_loop_fails_the_node_after_the_limit_without_retry()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/loop", () => Results.Redirect("/loop")));

        var result = await new HttpOperator(_client).ExecuteAsync(OperatorTestRequest.For("http", """{ "url": "$BASE/loop" }""", server: server), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains($"more than {HttpHop.MaxRedirects} redirects", failed.Error, StringComparison.Ordinal);
        Assert.Equal(HttpHop.MaxRedirects + 1, server.CountOf("/loop"));
    }

    [Fact]
    public async Task A_redirect_to_the_metadata_address_is_denied_before_connecting()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/start", () => Results.Redirect("http://169.254.169.254/metadata/identity/oauth2/token")));

        var result = await new HttpOperator(_client).ExecuteAsync(OperatorTestRequest.For("http", """{ "url": "$BASE/start" }""", server: server), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains("169.254.169.254", failed.Error, StringComparison.Ordinal);
        Assert.Contains("DurableDags:Outbound:Allow", failed.Error, StringComparison.Ordinal);
    }
}
