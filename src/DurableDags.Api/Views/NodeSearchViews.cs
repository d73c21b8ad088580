namespace DurableDags.Api.Views;

/// <summary><c>GET /api/nodes</c>: node instances of the newest runs, and how many runs were looked at.</summary>
public sealed record NodeSearchView(IReadOnlyList<NodeInstanceView> Nodes, int RunsRead, string? Next);

/// <summary>One node instance of a run, as the cross-run listing shows it; <see cref="Index"/> is set for a <c>foreach</c> instance.</summary>
public sealed record NodeInstanceView(
    string DagId, string RunId, string NodeId, int? Index, string State, int Attempts,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, long? DurationMs, string? Error);
