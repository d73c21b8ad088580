namespace DurableDags.Api.Security;

/// <summary>Who is calling, as far as a roles source could tell.</summary>
public sealed record Caller
{
    private Caller(CallerKind kind, string name, ApiRoles roles, string? problem, IReadOnlyList<string>? identities = null, bool verified = true)
    {
        Kind = kind;
        Name = name;
        Roles = ApiRoleNames.WithIncluded(roles);
        Problem = problem;
        Identities = identities is { Count: > 0 } ? identities : [name];
        Verified = verified;
    }

    public CallerKind Kind { get; }

    /// <summary>The key's configured name or the principal's name; never the key itself.</summary>
    public string Name { get; }

    /// <summary>Held roles, with the lower roles that a higher one includes.</summary>
    public ApiRoles Roles { get; }

    /// <summary>Why the caller is not known, for the 401 body.</summary>
    public string? Problem { get; }

    /// <summary>Every name the caller is known by, which an approval's <c>approvers</c> may list (an API key's name; a principal's name, UPN, e-mail and object id).</summary>
    public IReadOnlyList<string> Identities { get; }

    /// <summary>False when no credentials were checked (<see cref="Open"/>): who the caller is cannot be told, so nobody is refused as an approver.</summary>
    public bool Verified { get; }

    public static Caller Known(string name, ApiRoles roles, IReadOnlyList<string>? identities = null) =>
        new(CallerKind.Known, name, roles, null, identities);

    /// <summary>No credentials are needed here (loopback with no keys, or a host that checked them already).</summary>
    public static Caller Open(string name) => new(CallerKind.Known, name, ApiRoles.All, null, verified: false);

    public static Caller Unknown(string problem) => new(CallerKind.Unknown, "anonymous", ApiRoles.None, problem);

    public bool Holds(ApiRoles required) => (Roles & required) == required;
}

public enum CallerKind
{
    /// <summary>No or bad credentials: 401.</summary>
    Unknown,

    /// <summary>Credentials checked; the roles decide (403 when one is missing).</summary>
    Known,
}
