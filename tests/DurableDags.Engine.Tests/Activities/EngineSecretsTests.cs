using DurableDags.Core.Expressions;
using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Runs;
using DurableDags.Storage.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Tests.Activities;

/// <summary>
/// A secret whose App Service Key Vault reference did not resolve reaches the app as the text
/// <c>@Microsoft.KeyVault(...)</c>: it is never given to a DAG, and a node that reads it fails naming it.
/// </summary>
public sealed class EngineSecretsTests : IAsyncDisposable
{
    private const string Unresolved = "@Microsoft.KeyVault(SecretUri=https://kv-dd-dev.vault.azure.net/secrets/ROUTES-TOKEN)";

    private readonly DagRunHarness _harness = new()
    {
        Secrets = new Dictionary<string, string> { ["TOKEN"] = DagRunHarness.Secret, ["ROUTES_TOKEN"] = Unresolved },
    };

    [Fact]
    public async Task A_node_reading_an_unresolved_Key_Vault_reference_fails_naming_the_secret_and_sends_nothing()
    {
        var server = await _harness.ServeAsync(app => app.MapGet("/{name}", (string name) => Results.Json(new { name })));
        await _harness.StartAsync();
        await _harness.PutDagAsync("vault", $$$"""
            id: vault
            nodes:
              resolved:
                type: http
                with: { url: "{{{server.Url("/resolved")}}}", headers: { Authorization: "Bearer ${{ secrets.TOKEN }}" } }
              unresolved:
                type: http
                retries: 2
                with: { url: "{{{server.Url("/unresolved")}}}", headers: { Authorization: "Bearer ${{ secrets.ROUTES_TOKEN }}" } }
            """);

        await _harness.StartRunAsync("vault");
        var result = await _harness.WaitAsync("vault");

        Assert.Equal(RunState.Failed, result.State);
        var failed = (await _harness.Store.GetNodeAsync("vault", "r1", new NodeInstance("unresolved"), EngineHarness.Deadline()))!.Value;
        Assert.Equal(NodeState.Failed, failed.State);
        Assert.Contains("secret 'ROUTES_TOKEN' is a Key Vault reference that did not resolve", failed.Error, StringComparison.Ordinal);
        Assert.Contains("DurableDags__Secrets__ROUTES_TOKEN", failed.Error, StringComparison.Ordinal);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(NodeState.Succeeded, (await _harness.Store.GetNodeAsync("vault", "r1", new NodeInstance("resolved"), EngineHarness.Deadline()))!.Value.State);
        Assert.Equal(["/resolved"], server.Received.Select(r => r.Path));
    }

    [Theory]
    [InlineData(Unresolved)]
    [InlineData("  @microsoft.keyvault(VaultName=kv;SecretName=x)")]
    public void An_unresolved_reference_is_held_back_and_named(string value)
    {
        var secrets = new EngineSecrets(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DurableDags:Secrets:TOKEN"] = "plain",
            ["DurableDags:Secrets:VAULTED"] = value,
        }).Build());

        Assert.Equal(["TOKEN"], secrets.ToJson().Select(p => p.Key));
        Assert.Equal(["plain"], secrets.Values);
        secrets.EnsureResolved(["TOKEN", "MISSING"]);
        var error = Assert.Throws<ExpressionException>(() => secrets.EnsureResolved(["TOKEN", "VAULTED"]));
        Assert.StartsWith("secret 'VAULTED' is a Key Vault reference that did not resolve", error.Message, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _harness.DisposeAsync();
}
