using DurableDags.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Routing;

/// <summary>Maps the route table onto an ASP.NET Core app, as <c>dags serve</c> does.</summary>
public static class ApiEndpoints
{
    /// <summary>
    /// Maps every route of <paramref name="routes"/> (default <see cref="ApiRoutes.All"/>) through
    /// the <see cref="ApiDispatcher"/>, and answers any other <c>/api/…</c> path with a 404 problem.
    /// </summary>
    public static IEndpointRouteBuilder MapDurableDagsApi(this IEndpointRouteBuilder endpoints, IEnumerable<ApiRoute>? routes = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var route in routes ?? ApiRoutes.All)
        {
            endpoints.MapMethods("/" + route.Template, [route.Method], context => DispatchAsync(route, context)).WithName(route.Name);
        }

        endpoints.Map("/api/{**rest}", context =>
            ApiProblem.NotFound("There is no such route", $"{context.Request.Method} {context.Request.Path} is not a route of this API; see /api/openapi.json.")
                .ExecuteAsync(context));
        return endpoints;
    }

    private static async Task DispatchAsync(ApiRoute route, HttpContext context)
    {
        var dispatcher = context.RequestServices.GetRequiredService<ApiDispatcher>();
        var result = await dispatcher.HandleAsync(route, context.Request).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }
}
