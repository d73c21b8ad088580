namespace DurableDags.Core.Params;

/// <summary>What a run is known by before it starts: what <c>run.*</c> expressions in defaults can read.</summary>
public sealed record RunIdentity(string DagId, string RunId, DateTimeOffset LogicalDate);
