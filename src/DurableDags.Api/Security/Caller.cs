namespace DurableDags.Api.Security;

/// <summary>Who is calling, as far as a roles source could tell.</summary>
public sealed record Caller
{
    private Caller(CallerKind kind, string name, ApiRoles roles, string? problem)
    {
        Kind = kind;
        Name = name;
        Roles = ApiRoleNames.WithIncluded(roles);
        Problem = problem;
    }

    public CallerKind Kind { get; }

    /// <summary>The key's configured name or the principal's name; never the key itself.</summary>
    public string Name { get; }

    /// <summary>Held roles, with the lower roles that a higher one includes.</summary>
    public ApiRoles Roles { get; }

    /// <summary>Why the caller is not known, for the 401 body.</summary>
    public string? Problem { get; }

    public static Caller Known(string name, ApiRoles roles) => new(CallerKind.Known, name, roles, null);

    /// <summary>No credentials are needed here (loopback with no keys, or a host that checked them already).</summary>
    public static Caller Open(string name) => new(CallerKind.Known, name, ApiRoles.All, null);

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
