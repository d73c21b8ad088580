using DurableDags.Api.OpenApi;
using DurableDags.Api.Security;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Routing;

/// <summary>
/// The route table: every route of the API, once. <c>dags serve</c> maps it
/// (<see cref="ApiEndpoints.MapDurableDagsApi"/>); the Functions app declares one HTTP function per
/// entry that calls <see cref="ApiDispatcher.HandleAsync"/> with it; the OpenAPI document is
/// tested against it.
/// </summary>
public static class ApiRoutes
{
    public static readonly ApiRoute OpenApi = new("OpenApi", "GET", "api/openapi.json", ApiRoles.None,
        (_, _) => Task.FromResult(OpenApiDocument.Serve()));

    public static IReadOnlyList<ApiRoute> All { get; } = [OpenApi];
}
