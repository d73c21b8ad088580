using Azure.Core;

namespace DurableDags.Engine.Operators.Http.Auth;

/// <summary>A credential built the first time a token is asked for, then kept (with its token cache).</summary>
public sealed class LazyCredential(Func<TokenCredential> create) : TokenCredential
{
    private readonly Lazy<TokenCredential> _credential = new(create);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        _credential.Value.GetToken(requestContext, cancellationToken);

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        _credential.Value.GetTokenAsync(requestContext, cancellationToken);
}
