using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Http.Outbound;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Tests.Operators.Http.Outbound;

/// <summary>The policy as requests meet it: checked on the addresses connected to, whatever the URL wrote.</summary>
public sealed class OutboundConnectorTests
{
    [Theory]
    [InlineData("http://127.0.0.1:{port}/api/health")]
    [InlineData("http://0x7f000001:{port}/api/health")]
    [InlineData("http://2130706433:{port}/api/health")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/api/health")]
    [InlineData("http://localhost:{port}/api/health")]
    public async Task A_node_cannot_call_the_servers_own_api_in_any_spelling(string url)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/api/health", () => Results.Ok()));
        var policy = OutboundPolicy.Default;
        policy.AddOwnUrl(server.BaseAddress.ToString());
        using var client = OperatorHttpClient.Create(policy);

        var result = await new HttpOperator(client).ExecuteAsync(
            OperatorTestRequest.For("http", $$"""{ "url": "{{url.Replace("{port}", server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}}" }"""),
            CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains("own API", failed.Error, StringComparison.Ordinal);
        Assert.Contains($":{server.BaseAddress.Port}", failed.Error, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_denied_network_is_checked_after_dns_so_a_name_cannot_hide_it()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => Results.Ok()));
        var policy = OutboundPolicy.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("DurableDags:Outbound:Deny", (string?)"127.0.0.0/8, ::1")]).Build());
        using var client = OperatorHttpClient.Create(policy);

        var result = await new HttpOperator(client).ExecuteAsync(
            OperatorTestRequest.For("http", $$"""{ "url": "http://localhost:{{server.BaseAddress.Port}}/" }"""), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.Contains("DurableDags:Outbound:Deny", failed.Error, StringComparison.Ordinal);
        Assert.Contains("localhost (", failed.Error, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_link_local_address_fails_the_node_at_once_without_retry()
    {
        using var client = OperatorHttpClient.Create();

        var result = await new HttpOperator(client).ExecuteAsync(
            OperatorTestRequest.For("http", """{ "url": "http://169.254.169.254/metadata/instance" }"""), CancellationToken.None);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains("169.254.169.254:80", failed.Error, StringComparison.Ordinal);
        Assert.Contains("the cloud metadata address", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_loopback_addresses_other_than_the_own_api_are_reached()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/ok", () => Results.Ok()));
        var policy = OutboundPolicy.Default;
        policy.AddOwnUrl("http://127.0.0.1:1");
        using var client = OperatorHttpClient.Create(policy);

        var result = await new HttpOperator(client).ExecuteAsync(OperatorTestRequest.For("http", """{ "url": "$BASE/ok" }""", server: server), CancellationToken.None);

        Assert.IsType<OperatorResult.Succeeded>(result);
    }
}
