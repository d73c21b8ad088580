using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Http.Auth;

/// <summary>What <c>auth</c> does before any token is asked for: both fail the node without retry and send nothing.</summary>
public sealed class AuthSettingsTests : IDisposable
{
    private readonly HttpClient _client = OperatorHttpClient.Create();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_scope_that_an_expression_made_malformed_fails_naming_the_setting()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Ok()));

        var result = await new HttpOperator(_client).ExecuteAsync(OperatorTestRequest.For("http", """
            { "url": "$BASE/", "auth": { "type": "entra", "scope": "https://x.example/${{ params.date }}" } }
            """, server: server), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains("with.auth.scope: 'https://x.example/2026-01-31' is not an Entra ID scope", failed.Error, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Auth_on_a_host_without_a_token_source_fails_without_sending()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Ok()));

        var result = await new HttpOperator(_client).ExecuteAsync(OperatorTestRequest.For("http", """
            { "url": "$BASE/", "auth": { "type": "entra", "scope": "https://management.azure.com/.default" } }
            """, server: server), CancellationToken.None);

        Assert.Contains("auth needs a token source", Assert.IsType<OperatorResult.Failed>(result).Error, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }
}
