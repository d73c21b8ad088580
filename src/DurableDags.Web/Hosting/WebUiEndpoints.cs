using DurableDags.Web.Assets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DurableDags.Web.Hosting;

/// <summary>
/// Where the hosts plug the UI in. <c>dags serve</c> calls <see cref="MapWebUi"/>; the Functions app
/// declares one HTTP function with the route <c>{*path}</c> (methods GET and HEAD) that returns
/// <see cref="ServeAsync"/>. Either way the same embedded assets answer.
/// </summary>
public static class WebUiEndpoints
{
    /// <summary>
    /// Maps GET and HEAD of every path to the UI. The catch-all has the lowest route precedence, so
    /// the API's routes (all under <c>/api</c>) win wherever they are mapped.
    /// </summary>
    public static IEndpointConventionBuilder MapWebUi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], async context =>
            {
                var result = await ServeAsync(context.Request, context.GetRouteValue("path") as string).ConfigureAwait(false);
                await result.ExecuteAsync(context).ConfigureAwait(false);
            })
            .WithDisplayName("Web UI");
    }

    /// <summary>
    /// The response for <paramref name="path"/> (the request path without its leading slash, as the
    /// route value <c>{*path}</c> gives it): an asset, <c>index.html</c> for the UI's own routes,
    /// or a 404 problem for reserved paths (<c>api</c>, <c>admin</c>, <c>runtime</c>) and missing
    /// files under <c>assets/</c>.
    /// </summary>
    public static Task<IResult> ServeAsync(HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            request.HttpContext.Response.Headers.Allow = "GET, HEAD";
            return Task.FromResult(Problem(StatusCodes.Status405MethodNotAllowed, "method-not-allowed",
                "The web UI only answers GET and HEAD", $"{request.Method} /{path} is not a route of the web UI."));
        }

        var asset = WebUiAssets.Embedded.Resolve(path);
        if (asset is not null)
        {
            return Task.FromResult<IResult>(new AssetResult(asset));
        }

        return Task.FromResult(WebUiAssets.IsReservedPath(path)
            ? Problem(StatusCodes.Status404NotFound, "not-found", "There is no such route",
                $"{request.Method} /{path} is not a route of this server; the API's routes are in /api/openapi.json.")
            : Problem(StatusCodes.Status404NotFound, "not-found", "There is no such file",
                $"/{path} is not a file of the web UI."));
    }

    private static IResult Problem(int status, string kind, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail, type: "https://durabledags.dev/problems/" + kind);
}
