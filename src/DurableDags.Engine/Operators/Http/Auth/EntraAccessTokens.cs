using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Operators.Http.Auth;

/// <summary>
/// Entra ID tokens of the app's own identity, from Azure.Identity, which caches each token and
/// gets a new one before it expires. On App Service and Functions (IDENTITY_ENDPOINT) that is the
/// managed identity: the user-assigned one whose client id is <c>DurableDags:Auth:ManagedIdentityClientId</c>
/// (else <c>DurableDags:Storage:ClientId</c>), else the system-assigned one; on Kubernetes (AZURE_FEDERATED_TOKEN_FILE) workload identity;
/// elsewhere DefaultAzureCredential (the developer's az login, Visual Studio, environment).
/// Tokens are never logged: only the scope and the credential's error message are.
/// </summary>
public sealed class EntraAccessTokens(TokenCredential credential) : IAccessTokens
{
    public const string ClientIdSetting = "DurableDags:Auth:ManagedIdentityClientId";

    /// <summary>The client id the template sets for the store, used when <see cref="ClientIdSetting"/> is not set.</summary>
    public const string StorageClientIdSetting = "DurableDags:Storage:ClientId";

    public static TokenCredential CreateCredential(IConfiguration? configuration)
    {
        // The app has one identity; the store's setting already names it on Azure.
        var clientId = new[] { ClientIdSetting, StorageClientIdSetting }
            .Select(key => configuration?[key]).FirstOrDefault(id => id is { Length: > 0 });
        if (Environment.GetEnvironmentVariable("AZURE_FEDERATED_TOKEN_FILE") is { Length: > 0 })
        {
            // The client id, tenant and token file come from the environment the webhook injects, unless configured.
            return new WorkloadIdentityCredential(new WorkloadIdentityCredentialOptions { ClientId = clientId ?? Environment.GetEnvironmentVariable("AZURE_CLIENT_ID") });
        }

        if (Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT") is { Length: > 0 } || Environment.GetEnvironmentVariable("MSI_ENDPOINT") is { Length: > 0 })
        {
            return new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    public async ValueTask<string> GetAsync(string scope, CancellationToken cancellationToken)
    {
        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
            return token.Token;
        }
        catch (CredentialUnavailableException e)
        {
            throw OperatorFailureException.Permanent($"auth: no Entra ID credential is available on this host for scope {scope}: {e.Message}");
        }
        catch (AuthenticationFailedException e)
        {
            throw new OperatorFailureException($"auth: getting an Entra ID token for scope {scope} failed: {e.Message}", retryable: true, e);
        }
    }
}
