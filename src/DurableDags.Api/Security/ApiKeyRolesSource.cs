using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace DurableDags.Api.Security;

/// <summary>
/// API keys from configuration: <c>DurableDags:ApiKeys:&lt;name&gt;:Key</c> and
/// <c>DurableDags:ApiKeys:&lt;name&gt;:Roles</c> (<c>Dags.Read,Dags.Trigger</c>, or a list). A key
/// comes in the <c>X-Api-Key</c> header or as <c>Authorization: ApiKey &lt;key&gt;</c>.
/// With no key configured every caller is let in, so the server must listen on loopback only
/// (<see cref="IsOpen"/>; <c>dags serve</c> enforces it).
/// </summary>
public sealed class ApiKeyRolesSource : IRolesSource
{
    public const string Section = "DurableDags:ApiKeys";
    public const string HeaderName = "X-Api-Key";
    private const string Scheme = "ApiKey ";

    private readonly IReadOnlyList<ApiKey> _keys;

    public ApiKeyRolesSource(IEnumerable<ApiKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys];
    }

    /// <summary>True when no key is configured and every caller holds every role.</summary>
    public bool IsOpen => _keys.Count == 0;

    public int KeyCount => _keys.Count;

    /// <exception cref="InvalidOperationException">A key is empty or names a role that does not exist.</exception>
    public static ApiKeyRolesSource FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keys = new List<ApiKey>();
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            var key = entry["Key"];
            if (string.IsNullOrEmpty(key))
            {
                throw new InvalidOperationException($"{Section}:{entry.Key}:Key is empty; give the key a value or remove the entry.");
            }

            keys.Add(new ApiKey(entry.Key, key, ReadRoles(entry)));
        }

        return new ApiKeyRolesSource(keys);
    }

    public Caller Identify(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IsOpen)
        {
            return Caller.Open("local");
        }

        var presented = Presented(request);
        if (presented is null)
        {
            return Caller.Unknown($"Send the key in the {HeaderName} header or as 'Authorization: ApiKey <key>'.");
        }

        var hash = ApiKey.Hash(presented);
        ApiKey? match = null;
        foreach (var key in _keys)
        {
            // No early exit: the time taken does not tell which key matched.
            if (key.Matches(hash))
            {
                match = key;
            }
        }

        return match is null ? Caller.Unknown("The API key is not known.") : Caller.Known(match.Name, match.Roles);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !StringValues.IsNullOrEmpty(header))
        {
            return header.ToString();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && authorization.Length > Scheme.Length
            ? authorization[Scheme.Length..].Trim()
            : null;
    }

    private static ApiRoles ReadRoles(IConfigurationSection entry)
    {
        var section = entry.GetSection("Roles");
        var names = section.Value is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value ?? string.Empty).ToArray();
        var roles = ApiRoles.None;
        foreach (var name in names)
        {
            var role = ApiRoleNames.Parse(name);
            if (role == ApiRoles.None)
            {
                throw new InvalidOperationException(
                    $"{Section}:{entry.Key}:Roles names '{name}', which is not a role; use {ApiRoleNames.Read}, {ApiRoleNames.Trigger} or {ApiRoleNames.Admin}.");
            }

            roles |= role;
        }

        if (roles == ApiRoles.None)
        {
            throw new InvalidOperationException($"{Section}:{entry.Key}:Roles is empty; give the key at least {ApiRoleNames.Read}.");
        }

        return roles;
    }
}
