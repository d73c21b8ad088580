using DurableDags.Api.Routing;
using DurableDags.Engine.Runs;
using DurableDags.Functions.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableDags.Functions.Http;

/// <summary>
/// One HTTP function per entry of <see cref="ApiRoutes.All"/>, with the entry's name, method and
/// route (host.json's routePrefix is empty: the routes carry their <c>api/</c>). Each hands the
/// request to the <see cref="ApiDispatcher"/>, as <c>dags serve</c> does, with this call's
/// DurableTaskClient in place for the launcher. ApiRoutesFunctionsTests holds this file to the table.
/// </summary>
public sealed class ApiFunctions(ApiDispatcher dispatcher)
{
    [Function(nameof(ApiRoutes.Health))]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/health")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.Health, request, client);

    [Function(nameof(ApiRoutes.OpenApi))]
    public Task<IResult> OpenApi([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/openapi.json")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.OpenApi, request, client);

    [Function(nameof(ApiRoutes.ListDags))]
    public Task<IResult> ListDags([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.ListDags, request, client);

    [Function(nameof(ApiRoutes.GetDag))]
    public Task<IResult> GetDag([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.GetDag, request, client);

    [Function(nameof(ApiRoutes.PutDag))]
    public Task<IResult> PutDag([HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/dags/{dagId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.PutDag, request, client);

    [Function(nameof(ApiRoutes.PauseDag))]
    public Task<IResult> PauseDag([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dags/{dagId}/pause")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.PauseDag, request, client);

    [Function(nameof(ApiRoutes.UnpauseDag))]
    public Task<IResult> UnpauseDag([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dags/{dagId}/unpause")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.UnpauseDag, request, client);

    [Function(nameof(ApiRoutes.TriggerRun))]
    public Task<IResult> TriggerRun([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dags/{dagId}/runs")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.TriggerRun, request, client);

    [Function(nameof(ApiRoutes.ListRuns))]
    public Task<IResult> ListRuns([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}/runs")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.ListRuns, request, client);

    [Function(nameof(ApiRoutes.GetRun))]
    public Task<IResult> GetRun([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}/runs/{runId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.GetRun, request, client);

    [Function(nameof(ApiRoutes.GetNodeLog))]
    public Task<IResult> GetNodeLog([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}/runs/{runId}/nodes/{nodeId}/logs")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.GetNodeLog, request, client);

    [Function(nameof(ApiRoutes.GetNodeOutput))]
    public Task<IResult> GetNodeOutput([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}/runs/{runId}/nodes/{nodeId}/output")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.GetNodeOutput, request, client);

    [Function(nameof(ApiRoutes.CancelRun))]
    public Task<IResult> CancelRun([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dags/{dagId}/runs/{runId}/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.CancelRun, request, client);

    [Function(nameof(ApiRoutes.RerunRun))]
    public Task<IResult> RerunRun([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dags/{dagId}/runs/{runId}/rerun")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.RerunRun, request, client);

    [Function(nameof(ApiRoutes.RaiseEvent))]
    public Task<IResult> RaiseEvent([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dags/{dagId}/runs/{runId}/events/{name}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.RaiseEvent, request, client);

    [Function(nameof(ApiRoutes.ListRunEvents))]
    public Task<IResult> ListRunEvents([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}/runs/{runId}/events")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.ListRunEvents, request, client);

    [Function(nameof(ApiRoutes.SearchRuns))]
    public Task<IResult> SearchRuns([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/runs")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.SearchRuns, request, client);

    [Function(nameof(ApiRoutes.SearchNodes))]
    public Task<IResult> SearchNodes([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/nodes")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.SearchNodes, request, client);

    [Function(nameof(ApiRoutes.ListImportErrors))]
    public Task<IResult> ListImportErrors([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/import-errors")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.ListImportErrors, request, client);

    [Function(nameof(ApiRoutes.CreateBackfill))]
    public Task<IResult> CreateBackfill([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dags/{dagId}/backfills")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.CreateBackfill, request, client);

    [Function(nameof(ApiRoutes.GetBackfill))]
    public Task<IResult> GetBackfill([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}/backfills/{backfillId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.GetBackfill, request, client);

    [Function(nameof(ApiRoutes.CancelBackfill))]
    public Task<IResult> CancelBackfill([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dags/{dagId}/backfills/{backfillId}/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.CancelBackfill, request, client);

    [Function(nameof(ApiRoutes.MarkNode))]
    public Task<IResult> MarkNode([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/dags/{dagId}/runs/{runId}/nodes/{nodeId}/mark")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.MarkNode, request, client);

    [Function(nameof(ApiRoutes.DeleteDag))]
    public Task<IResult> DeleteDag([HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/dags/{dagId}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.DeleteDag, request, client);

    [Function(nameof(ApiRoutes.PurgeRuns))]
    public Task<IResult> PurgeRuns([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/runs/purge")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.PurgeRuns, request, client);

    [Function(nameof(ApiRoutes.ListDagVersions))]
    public Task<IResult> ListDagVersions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}/versions")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.ListDagVersions, request, client);

    [Function(nameof(ApiRoutes.GetDagVersion))]
    public Task<IResult> GetDagVersion([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}/versions/{version}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.GetDagVersion, request, client);

    [Function(nameof(ApiRoutes.DiffDagVersions))]
    public Task<IResult> DiffDagVersions([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/dags/{dagId}/versions/{version}/diff/{otherVersion}")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        HandleAsync(ApiRoutes.DiffDagVersions, request, client);

    private async Task<IResult> HandleAsync(ApiRoute route, HttpRequest request, DurableTaskClient client)
    {
        using var orchestrations = AmbientRunOrchestrations.Use(new DurableTaskRunOrchestrations(client));
        return await dispatcher.HandleAsync(route, request).ConfigureAwait(false);
    }
}
