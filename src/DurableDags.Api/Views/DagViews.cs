using System.Text.Json;

namespace DurableDags.Api.Views;

/// <summary><c>GET /api/dags</c>.</summary>
public sealed record DagListView(IReadOnlyList<DagListItemView> Dags);

/// <summary>One DAG in the list: its schedule, the next scheduled time and its latest runs.</summary>
public sealed record DagListItemView(
    string Id,
    string? Description,
    string? Schedule,
    string Timezone,
    bool Paused,
    int Version,
    DateTimeOffset? NextRunAt,
    RunRefView? LastRun,
    IReadOnlyList<RunRefView> RecentRuns);

/// <summary>A run as the DAG list shows it.</summary>
public sealed record RunRefView(string RunId, string State, DateTimeOffset? LogicalDate, DateTimeOffset? EndedAt);

/// <summary><c>GET /api/dags/{dagId}</c>.</summary>
public sealed record DagDetailView(
    string Id,
    int Version,
    string Hash,
    bool Paused,
    string? Description,
    string? Schedule,
    string Timezone,
    DateTimeOffset? NextRunAt,
    string Definition,
    IReadOnlyList<ParamView> Params,
    IReadOnlyList<NodeDefinitionView> Nodes,
    IReadOnlyList<VersionView> Versions)
{
    /// <summary>Where the DAG comes from: the server's folder (read-only over the API) or the API.</summary>
    public Registry.DagOriginView? Origin { get; init; }
}

public sealed record ParamView(string Name, string Type, JsonElement? Default, bool Required, string? Description, IReadOnlyList<JsonElement>? Enum);

public sealed record NodeDefinitionView(string Id, string Type, IReadOnlyList<string> Needs, string Trigger, bool Mapped, bool Conditional);

public sealed record VersionView(int Version, string Hash, DateTimeOffset CreatedAt);

/// <summary><c>PUT /api/dags/{dagId}</c>: 201 when <see cref="Created"/>, else 200.</summary>
public sealed record DagPutView(string Id, int Version, string Hash, bool Created, IReadOnlyList<string> Warnings);

/// <summary><c>POST /api/dags/{dagId}/pause</c> and <c>/unpause</c>.</summary>
public sealed record PausedView(string Id, bool Paused);
