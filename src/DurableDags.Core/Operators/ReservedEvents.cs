namespace DurableDags.Core.Operators;

/// <summary>
/// Event names the engine keeps for itself (a run's cancel is <c>dd.cancel</c>). A DAG may not
/// wait for one: nobody could raise it (the API and the launcher refuse them), and the engine's own
/// event would release the node instead.
/// </summary>
public static class ReservedEvents
{
    /// <summary>Event names with this prefix, in any case, are the engine's own.</summary>
    public const string Prefix = "dd.";

    public static bool IsReserved(string? eventName) =>
        eventName?.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ?? false;
}
