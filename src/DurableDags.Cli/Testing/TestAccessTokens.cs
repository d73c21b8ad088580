using DurableDags.Engine.Operators.Http.Auth;

namespace DurableDags.Cli.Testing;

/// <summary>
/// Entra ID tokens under <c>dags test</c>: a fixed <c>test-token:{scope}</c> per scope, so a DAG
/// that calls Azure with <c>auth: entra</c> runs its tests with no identity, credential or network.
/// The scope was already checked by validation; the fake endpoint answers whatever the token.
/// </summary>
internal sealed class TestAccessTokens : IAccessTokens
{
    public ValueTask<string> GetAsync(string scope, CancellationToken cancellationToken) => ValueTask.FromResult($"test-token:{scope}");
}
