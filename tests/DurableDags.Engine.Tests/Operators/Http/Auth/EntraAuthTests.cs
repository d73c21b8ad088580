using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Http.Auth;
using DurableDags.Engine.Operators.Jobs;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Tests.Operators.Http.Auth;

/// <summary>The test collection that alone sets the process's managed-identity environment variables.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IdentityEnvironmentCollection
{
    public const string Name = "identity environment";
}

/// <summary>
/// <c>auth: { type: entra }</c> with Azure.Identity's real ManagedIdentityCredential, against a
/// local endpoint speaking App Service's protocol. Azure.Identity reads IDENTITY_ENDPOINT and
/// IDENTITY_HEADER from the environment only, so this collection sets them and runs alone; each
/// test asks for its own resource, as the library's token cache is shared within the process.
/// </summary>
[Collection(IdentityEnvironmentCollection.Name)]
public sealed class EntraAuthTests : IAsyncLifetime
{
    private const string ClientId = "4a1d7f0e-2b3c-4d5e-8f90-123456789abc";
    private readonly HttpClient _client = OperatorHttpClient.Create();
    private readonly string _resource = $"api://{Guid.NewGuid()}";
    private AppServiceIdentityEndpoint _identity = null!;
    private LoopbackServer _service = null!;

    public async Task InitializeAsync()
    {
        _identity = await AppServiceIdentityEndpoint.StartAsync();
        _service = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/jobs", () => Results.Json(new { state = "ok" }));
            app.MapPost("/jobs", () => Results.Json(new { id = "j1" }));
            app.MapGet("/jobs/j1", () => Results.Json(new { status = "Succeeded" }));
        });
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", _identity.Endpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", AppServiceIdentityEndpoint.Header);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        _client.Dispose();
        await _service.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task The_token_is_asked_for_once_sent_as_bearer_on_every_request_and_never_logged_or_output()
    {
        var tokens = Tokens();
        var op = new HttpOperator(_client, tokens);
        var logs = new List<RecordingAttemptLog>();
        var outputs = new List<string>();

        for (var i = 0; i < 3; i++)
        {
            var log = new RecordingAttemptLog();
            logs.Add(log);
            var result = await op.ExecuteAsync(OperatorTestRequest.For("http", $$"""
                { "url": "$BASE/jobs", "auth": { "type": "entra", "scope": "{{_resource}}/.default" } }
                """, server: _service, log: log), CancellationToken.None);
            outputs.Add(Assert.IsType<OperatorResult.Succeeded>(result).Output!.ToJsonString());
        }

        var (resource, clientId) = Assert.Single(_identity.Requests);
        Assert.Equal(_resource, resource);
        Assert.Equal(ClientId, clientId);
        var token = Assert.Single(_identity.Issued);
        Assert.All(_service.Received, r => Assert.Equal($"Bearer {token}", r.Header("Authorization")));
        Assert.Equal(3, _service.Received.Count);
        Assert.DoesNotContain(logs.SelectMany(l => l.Lines), line => line.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(outputs, output => output.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_near_its_expiry_is_replaced_by_a_new_one()
    {
        // Azure.Identity treats a token as expired 5 minutes before it is: this one crosses that line in 2 seconds.
        _identity.Lifetime = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2);
        var tokens = Tokens();
        var scope = $"{_resource}/.default";

        var first = await tokens.GetAsync(scope, CancellationToken.None);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        string next;
        while ((next = await tokens.GetAsync(scope, CancellationToken.None)) == first)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the token was never refreshed");
            await Task.Delay(100);
        }

        Assert.Equal(2, _identity.Requests.Count);
        Assert.Equal(_identity.Issued.Last(), next);
    }

    [Fact]
    public async Task An_http_job_authenticates_its_submit_and_its_polls()
    {
        var request = OperatorTestRequest.For("http-job", $$$"""
            {
              "submit": { "url": "$BASE/jobs", "auth": { "type": "entra", "scope": "{{{_resource}}}/.default" } },
              "poll": { "url": "$BASE/jobs/${{ submit.body.id }}", "auth": { "type": "entra", "scope": "{{{_resource}}}/.default" } },
              "pollInterval": "1s",
              "successWhen": "${{ poll.body.status == 'Succeeded' }}"
            }
            """, server: _service);

        var (result, _, _) = await OperatorTestRequest.DriveAsync(new HttpJobOperator(_client, Tokens()), request);

        Assert.IsType<OperatorResult.Succeeded>(result);
        var token = Assert.Single(_identity.Issued);
        Assert.Equal(2, _service.Received.Count);
        Assert.All(_service.Received, r => Assert.Equal($"Bearer {token}", r.Header("Authorization")));
    }

    [Fact]
    public async Task The_token_does_not_follow_a_redirect_to_another_origin()
    {
        await using var other = await LoopbackServer.StartAsync(app => app.MapGet("/elsewhere", () => Results.Ok()));
        await using var redirecting = await LoopbackServer.StartAsync(app => app.MapGet("/start", () => Results.Redirect(other.Url("/elsewhere"))));

        var result = await new HttpOperator(_client, Tokens()).ExecuteAsync(OperatorTestRequest.For("http", $$"""
            { "url": "$BASE/start", "auth": { "type": "entra", "scope": "{{_resource}}/.default" } }
            """, server: redirecting), CancellationToken.None);

        Assert.IsType<OperatorResult.Succeeded>(result);
        Assert.NotNull(redirecting.Received.Single().Header("Authorization"));
        Assert.Null(other.Received.Single().Header("Authorization"));
    }

    private static EntraAccessTokens Tokens() => new(EntraAccessTokens.CreateCredential(new ConfigurationBuilder()
        .AddInMemoryCollection([KeyValuePair.Create(EntraAccessTokens.ClientIdSetting, (string?)ClientId)]).Build()));
}
