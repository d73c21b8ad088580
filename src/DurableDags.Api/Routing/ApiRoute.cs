using DurableDags.Api.Security;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Routing;

/// <summary>Calls the handler of one route with the request's checked route values.</summary>
public delegate Task<IResult> ApiHandler(IServiceProvider services, ApiCall call);

/// <summary>
/// One route of the API: the method, the template (with its <c>api/</c> prefix, as both hosts map
/// it), the role a caller needs (<see cref="ApiRoles.None"/> for public routes) and the handler.
/// </summary>
public sealed record ApiRoute(string Name, string Method, string Template, ApiRoles Role, ApiHandler Handler)
{
    /// <summary>The names of the template's parameters, in order (<c>dagId</c>, <c>runId</c>…).</summary>
    public IReadOnlyList<string> Parameters { get; } = ParametersOf(Template);

    public override string ToString() => $"{Method} /{Template}";

    private static string[] ParametersOf(string template) =>
        [.. template.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1])];
}
