using System.Net;
using System.Text;
using System.Text.Json;
using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Requests;
using DurableDags.Api.Routing;
using DurableDags.Api.Security;
using DurableDags.Api.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Tests.Routing;

public sealed class ApiDispatcherTests : IAsyncLifetime
{
    private const string ReaderKey = "reader-key-0123456789";
    private const string TriggerKey = "trigger-key-0123456789";
    private const long Limit = 1000;

    private int _calls;
    private KestrelHost _host = null!;

    public async Task InitializeAsync()
    {
        ApiRoute[] routes =
        [
            new("Read", "GET", "api/test/{dagId}/runs/{runId}/nodes/{nodeId}", ApiRoles.Read, (_, call) =>
            {
                Interlocked.Increment(ref _calls);
                return Task.FromResult<Microsoft.AspNetCore.Http.IResult>(JsonResponse.Ok(new { call.DagId, call.RunId, call.NodeId, caller = call.Caller.Name }));
            }),
            new("Write", "POST", "api/test/{dagId}/events/{name}", ApiRoles.Trigger, async (_, call) =>
            {
                Interlocked.Increment(ref _calls);
                var body = await RequestBody.ReadBytesAsync(call.Request, Limit, call.Cancellation);
                return JsonResponse.Accepted(new { length = body.Length, call.EventName });
            }),
        ];
        _host = await KestrelHost.StartAsync(
            (services, _) => services
                .AddSingleton<IRolesSource>(new ApiKeyRolesSource([new ApiKey("reader", ReaderKey, ApiRoles.Read), new ApiKey("ci", TriggerKey, ApiRoles.Trigger)]))
                .AddSingleton<ApiDispatcher>()
                .AddRouting(),
            app => app.MapDurableDagsApi(routes));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_request_without_a_key_gets_401_as_problem_details_and_reaches_no_handler()
    {
        using var response = await _host.Client.GetAsync("/api/test/d/runs/r/nodes/n");

        var problem = await AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task An_unknown_key_gets_401()
    {
        using var response = await Send(HttpMethod.Get, "/api/test/d/runs/r/nodes/n", key: "not-a-key");

        await AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task A_key_without_the_route_role_gets_403_naming_the_role()
    {
        using var response = await Send(HttpMethod.Post, "/api/test/d/events/approve", key: ReaderKey);

        var problem = await AssertProblem(response, HttpStatusCode.Forbidden);
        Assert.Contains("Dags.Trigger", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task A_key_in_the_authorization_header_is_accepted_and_a_higher_role_includes_read()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/test/d/runs/scheduled__20261122T060000Z/nodes/n_1");
        request.Headers.TryAddWithoutValidation("Authorization", "ApiKey " + TriggerKey);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("scheduled__20261122T060000Z", body.GetProperty("runId").GetString());
        Assert.Equal("ci", body.GetProperty("caller").GetString());
    }

    [Theory]
    [InlineData("/api/test/..%2F..%2Fetc/runs/r/nodes/n", "dagId")]
    [InlineData("/api/test/a%2Fb/runs/r/nodes/n", "dagId")]
    [InlineData("/api/test/UPPER/runs/r/nodes/n", "dagId")]
    [InlineData("/api/test/d/runs/..%5Cx/nodes/n", "runId")]
    [InlineData("/api/test/d/runs/r%3Cscript%3E/nodes/n", "runId")]
    [InlineData("/api/test/d/runs/r/nodes/a%20b", "nodeId")]
    [InlineData("/api/test/d/runs/r/nodes/9starts-with-a-digit", "nodeId")]
    public async Task A_malformed_id_gets_400_naming_it_and_reaches_no_handler(string path, string parameter)
    {
        using var response = await Send(HttpMethod.Get, path, key: ReaderKey);

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(parameter, error.GetProperty("path").GetString());
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task An_overlong_id_gets_400()
    {
        using var response = await Send(HttpMethod.Get, $"/api/test/{new string('a', 64)}/runs/{new string('r', 129)}/nodes/n", key: ReaderKey);

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Equal(2, problem.GetProperty("errors").GetArrayLength());
        Assert.Equal(0, _calls);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_one_at_the_limit_is_read()
    {
        using var over = await Send(HttpMethod.Post, "/api/test/d/events/approve", TriggerKey, new ByteArrayContent(new byte[Limit + 1]));
        using var at = await Send(HttpMethod.Post, "/api/test/d/events/approve", TriggerKey, new ByteArrayContent(new byte[Limit]));

        await AssertProblem(over, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.Accepted, at.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413_although_it_declares_no_length()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', (int)Limit * 3))));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/test/d/events/approve") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add(ApiKeyRolesSource.HeaderName, TriggerKey);

        using var response = await _host.Client.SendAsync(request);

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_path_that_is_no_route_gets_a_404_problem()
    {
        using var response = await Send(HttpMethod.Get, "/api/nothing/here", key: ReaderKey);

        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(ApiKeyRolesSource.HeaderName, key);
        return await _host.Client.SendAsync(request);
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(ApiProblem.ContentType, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }
}
