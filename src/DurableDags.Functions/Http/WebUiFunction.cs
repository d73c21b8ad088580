using DurableDags.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace DurableDags.Functions.Http;

/// <summary>
/// The web UI at every path the API's routes do not take (a catch-all has the lowest precedence),
/// anonymous because its assets hold no data: each API call the UI makes is authorized on its own.
/// </summary>
public static class WebUiFunction
{
    [Function("WebUi")]
    public static Task<IResult> WebUi([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{*path}")] HttpRequest request) =>
        WebUiEndpoints.ServeAsync(request, request.RouteValues["path"] as string);
}
