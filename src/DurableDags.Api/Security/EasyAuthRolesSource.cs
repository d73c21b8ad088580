using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Security;

/// <summary>
/// Roles from App Service Easy Auth: the platform puts the signed-in principal in the
/// <c>X-MS-CLIENT-PRINCIPAL</c> header (base64 JSON of its claims) and strips that header from
/// outside requests, so it can be trusted. App roles come as claims of type <c>roles</c>, the
/// WS-Federation role URI, or the principal's own <c>role_typ</c>.
/// </summary>
public sealed class EasyAuthRolesSource(bool requirePrincipal) : IRolesSource
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";
    public const string RoleUri = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    /// <summary>
    /// With <paramref name="requirePrincipal"/> false, a request without the header (Easy Auth off;
    /// the function key was checked by the host) holds every role.
    /// </summary>
    public bool RequirePrincipal { get; } = requirePrincipal;

    public Caller Identify(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderName].ToString();
        if (header.Length == 0)
        {
            return RequirePrincipal ? Caller.Unknown("Sign in: this app needs an Entra ID principal.") : Caller.Open("function-key");
        }

        ClientPrincipal? principal;
        try
        {
            principal = JsonSerializer.Deserialize<ClientPrincipal>(Convert.FromBase64String(header));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return Caller.Unknown($"The {HeaderName} header is not base64 JSON.");
        }

        if (principal is null)
        {
            return Caller.Unknown($"The {HeaderName} header is empty.");
        }

        var roles = ApiRoles.None;
        string? name = null;
        var identities = new List<string>();
        foreach (var claim in principal.Claims ?? [])
        {
            if (claim.Type is "roles" or RoleUri || (principal.RoleType is { Length: > 0 } rt && claim.Type == rt))
            {
                roles |= ApiRoleNames.Parse(claim.Value);
            }
            else if (name is null && principal.NameType is { Length: > 0 } nt && claim.Type == nt)
            {
                name = claim.Value;
            }

            if (claim.Value is { Length: > 0 } value && IdentityClaims.Contains(claim.Type) && !identities.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                identities.Add(value);
            }
        }

        name ??= identities.FirstOrDefault() ?? "principal";
        return Caller.Known(name, roles, [name, .. identities.Where(i => !string.Equals(i, name, StringComparison.OrdinalIgnoreCase))]);
    }

    /// <summary>The claims that name a principal, any of which an approval's <c>approvers</c> may list.</summary>
    private static readonly HashSet<string?> IdentityClaims = new(StringComparer.Ordinal)
    {
        "name", "preferred_username", "upn", "email", "oid",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "http://schemas.microsoft.com/identity/claims/objectidentifier",
    };

    private sealed record ClientPrincipal(
        [property: JsonPropertyName("auth_typ")] string? AuthType,
        [property: JsonPropertyName("claims")] IReadOnlyList<PrincipalClaim>? Claims,
        [property: JsonPropertyName("name_typ")] string? NameType,
        [property: JsonPropertyName("role_typ")] string? RoleType);

    private sealed record PrincipalClaim(
        [property: JsonPropertyName("typ")] string? Type,
        [property: JsonPropertyName("val")] string? Value);
}
