namespace DurableDags.Api.Security;

/// <summary>
/// The roles of the contract. A higher role includes the lower ones: an admin may trigger and read,
/// a trigger may read, so assigning one role is enough for a person who manages DAGs.
/// </summary>
[Flags]
public enum ApiRoles
{
    None = 0,

    /// <summary><c>Dags.Read</c>: every GET.</summary>
    Read = 1,

    /// <summary><c>Dags.Trigger</c>: trigger, cancel, rerun, events.</summary>
    Trigger = 2,

    /// <summary><c>Dags.Admin</c>: put a DAG, pause, unpause.</summary>
    Admin = 4,

    All = Read | Trigger | Admin,
}

public static class ApiRoleNames
{
    public const string Read = "Dags.Read";
    public const string Trigger = "Dags.Trigger";
    public const string Admin = "Dags.Admin";

    /// <summary>The role a name stands for (case-insensitive, as Entra compares role values), or None.</summary>
    public static ApiRoles Parse(string? name) => name?.Trim() switch
    {
        { } n when n.Equals(Read, StringComparison.OrdinalIgnoreCase) => ApiRoles.Read,
        { } n when n.Equals(Trigger, StringComparison.OrdinalIgnoreCase) => ApiRoles.Trigger,
        { } n when n.Equals(Admin, StringComparison.OrdinalIgnoreCase) => ApiRoles.Admin,
        _ => ApiRoles.None,
    };

    public static string Of(ApiRoles role) => role switch
    {
        ApiRoles.Read => Read,
        ApiRoles.Trigger => Trigger,
        ApiRoles.Admin => Admin,
        ApiRoles.None => "none",
        _ => string.Join(", ", Enum.GetValues<ApiRoles>().Where(r => r is ApiRoles.Read or ApiRoles.Trigger or ApiRoles.Admin && role.HasFlag(r)).Select(Of)),
    };

    /// <summary>The roles held, with the lower roles a higher one includes.</summary>
    public static ApiRoles WithIncluded(ApiRoles held) =>
        held.HasFlag(ApiRoles.Admin) ? ApiRoles.All
        : held.HasFlag(ApiRoles.Trigger) ? held | ApiRoles.Read
        : held;
}
