namespace DurableDags.Engine.Operators.Http.Auth;

/// <summary>Bearer tokens for a request's <c>auth</c>; the source caches and refreshes them.</summary>
public interface IAccessTokens
{
    /// <exception cref="OperatorFailureException">No token could be had; retryable unless no credential exists at all.</exception>
    ValueTask<string> GetAsync(string scope, CancellationToken cancellationToken);
}
