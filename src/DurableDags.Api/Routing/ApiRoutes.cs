using DurableDags.Api.Handlers;
using DurableDags.Api.OpenApi;
using DurableDags.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Routing;

/// <summary>
/// The route table: every route of the API, once. <c>dags serve</c> maps it
/// (<see cref="ApiEndpoints.MapDurableDagsApi"/>); the Functions app declares one HTTP function per
/// entry that calls <see cref="ApiDispatcher.HandleAsync"/> with it; the OpenAPI document is
/// tested against it.
/// </summary>
public static class ApiRoutes
{
    private const string Dag = "api/dags/{dagId}";
    private const string Run = Dag + "/runs/{runId}";

    public static readonly ApiRoute Health = new("Health", "GET", "api/health", ApiRoles.None,
        (s, c) => Get<HealthHandler>(s).GetAsync(c.Cancellation));

    public static readonly ApiRoute OpenApi = new("OpenApi", "GET", "api/openapi.json", ApiRoles.None,
        (_, _) => Task.FromResult(OpenApiDocument.Serve()));

    public static readonly ApiRoute ListDags = new("ListDags", "GET", "api/dags", ApiRoles.Read,
        (s, c) => Get<DagHandlers>(s).ListAsync(c));

    public static readonly ApiRoute GetDag = new("GetDag", "GET", Dag, ApiRoles.Read,
        (s, c) => Get<DagHandlers>(s).GetAsync(c));

    public static readonly ApiRoute PutDag = new("PutDag", "PUT", Dag, ApiRoles.Admin,
        (s, c) => Get<DagHandlers>(s).PutAsync(c));

    public static readonly ApiRoute PauseDag = new("PauseDag", "POST", Dag + "/pause", ApiRoles.Admin,
        (s, c) => Get<DagHandlers>(s).PauseAsync(c));

    public static readonly ApiRoute UnpauseDag = new("UnpauseDag", "POST", Dag + "/unpause", ApiRoles.Admin,
        (s, c) => Get<DagHandlers>(s).UnpauseAsync(c));

    public static readonly ApiRoute ListRuns = new("ListRuns", "GET", Dag + "/runs", ApiRoles.Read,
        (s, c) => Get<RunQueryHandlers>(s).ListAsync(c));

    public static readonly ApiRoute GetRun = new("GetRun", "GET", Run, ApiRoles.Read,
        (s, c) => Get<RunQueryHandlers>(s).GetAsync(c));

    public static readonly ApiRoute GetNodeLog = new("GetNodeLog", "GET", Run + "/nodes/{nodeId}/logs", ApiRoles.Read,
        (s, c) => Get<RunQueryHandlers>(s).GetLogAsync(c));

    public static readonly ApiRoute GetNodeOutput = new("GetNodeOutput", "GET", Run + "/nodes/{nodeId}/output", ApiRoles.Read,
        (s, c) => Get<RunQueryHandlers>(s).GetOutputAsync(c));

    public static readonly ApiRoute ListRunEvents = new("ListRunEvents", "GET", Run + "/events", ApiRoles.Read,
        (s, c) => Get<RunEventHandlers>(s).ListAsync(c));

    public static readonly ApiRoute TriggerRun = new("TriggerRun", "POST", Dag + "/runs", ApiRoles.Trigger,
        (s, c) => Get<RunTriggerHandler>(s).TriggerAsync(c));

    public static readonly ApiRoute CancelRun = new("CancelRun", "POST", Run + "/cancel", ApiRoles.Trigger,
        (s, c) => Get<RunControlHandlers>(s).CancelAsync(c));

    public static readonly ApiRoute RerunRun = new("RerunRun", "POST", Run + "/rerun", ApiRoles.Trigger,
        (s, c) => Get<RunControlHandlers>(s).RerunAsync(c));

    public static readonly ApiRoute RaiseEvent = new("RaiseEvent", "POST", Run + "/events/{name}", ApiRoles.Trigger,
        (s, c) => Get<RunControlHandlers>(s).RaiseEventAsync(c));

    public static readonly ApiRoute SearchRuns = new("SearchRuns", "GET", "api/runs", ApiRoles.Read,
        (s, c) => Get<RunSearchHandlers>(s).ListAsync(c));

    public static readonly ApiRoute SearchNodes = new("SearchNodes", "GET", "api/nodes", ApiRoles.Read,
        (s, c) => Get<NodeSearchHandler>(s).ListAsync(c));

    public static readonly ApiRoute ListImportErrors = new("ListImportErrors", "GET", "api/import-errors", ApiRoles.Read,
        (s, c) => Get<RunSearchHandlers>(s).ListImportErrorsAsync(c));

    public static readonly ApiRoute CreateBackfill = new("CreateBackfill", "POST", Dag + "/backfills", ApiRoles.Trigger,
        (s, c) => Get<BackfillHandlers>(s).CreateAsync(c));

    public static readonly ApiRoute GetBackfill = new("GetBackfill", "GET", Dag + "/backfills/{backfillId}", ApiRoles.Read,
        (s, c) => Get<BackfillHandlers>(s).GetAsync(c));

    public static readonly ApiRoute CancelBackfill = new("CancelBackfill", "POST", Dag + "/backfills/{backfillId}/cancel", ApiRoles.Trigger,
        (s, c) => Get<BackfillHandlers>(s).CancelAsync(c));

    public static readonly ApiRoute MarkNode = new("MarkNode", "POST", Run + "/nodes/{nodeId}/mark", ApiRoles.Trigger,
        (s, c) => Get<NodeMarkHandler>(s).MarkAsync(c));

    public static readonly ApiRoute DeleteDag = new("DeleteDag", "DELETE", Dag, ApiRoles.Admin,
        (s, c) => Get<DagDeleteHandlers>(s).DeleteAsync(c));

    public static readonly ApiRoute PurgeRuns = new("PurgeRuns", "POST", "api/runs/purge", ApiRoles.Admin,
        (s, c) => Get<DagDeleteHandlers>(s).PurgeAsync(c));

    public static readonly ApiRoute ListDagVersions = new("ListDagVersions", "GET", Dag + "/versions", ApiRoles.Read,
        (s, c) => Get<DagVersionHandlers>(s).ListAsync(c));

    public static readonly ApiRoute GetDagVersion = new("GetDagVersion", "GET", Dag + "/versions/{version}", ApiRoles.Read,
        (s, c) => Get<DagVersionHandlers>(s).GetAsync(c));

    public static readonly ApiRoute DiffDagVersions = new("DiffDagVersions", "GET", Dag + "/versions/{version}/diff/{otherVersion}", ApiRoles.Read,
        (s, c) => Get<DagVersionHandlers>(s).DiffAsync(c));

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        Health, OpenApi, ListDags, GetDag, PutDag, PauseDag, UnpauseDag,
        TriggerRun, ListRuns, GetRun, GetNodeLog, GetNodeOutput, CancelRun, RerunRun, RaiseEvent, ListRunEvents,
        SearchRuns, SearchNodes, ListImportErrors,
        CreateBackfill, GetBackfill, CancelBackfill,
        MarkNode, DeleteDag, PurgeRuns, ListDagVersions, GetDagVersion, DiffDagVersions,
    ];

    private static T Get<T>(IServiceProvider services)
        where T : notnull => services.GetRequiredService<T>();
}
