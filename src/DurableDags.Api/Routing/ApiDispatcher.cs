using DurableDags.Api.Handlers;
using DurableDags.Api.Problems;
using DurableDags.Api.Security;
using DurableDags.Storage.Objects;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableDags.Api.Routing;

/// <summary>
/// The one way into a handler, for both hosts: identify the caller (401, 403), check every id in
/// the route (400) before any handler or store sees it, call the handler, and turn any
/// <see cref="ApiProblemException"/> into its problem response, and an unreachable store into 503.
/// The Functions app's HTTP functions are one line each: <c>dispatcher.HandleAsync(ApiRoutes.X, request)</c>.
/// </summary>
public sealed partial class ApiDispatcher(IServiceProvider services, IRolesSource roles, ILogger<ApiDispatcher> logger)
{
    public async Task<IResult> HandleAsync(ApiRoute route, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(request);
        var caller = route.Role == ApiRoles.None ? Caller.Open("public") : roles.Identify(request);
        if (caller.Kind == CallerKind.Unknown)
        {
            return ApiProblem.Unauthorized(caller.Problem ?? "The request carries no credentials.");
        }

        if (!caller.Holds(route.Role))
        {
            return ApiProblem.Forbidden($"{route} needs the role {ApiRoleNames.Of(route.Role)}; '{caller.Name}' holds {ApiRoleNames.Of(caller.Roles)}.");
        }

        var (values, errors) = RouteParameters.Read(route, request);
        if (errors.Count > 0)
        {
            return ApiProblem.InvalidId(errors);
        }

        try
        {
            return await route.Handler(services, new ApiCall(request, values, caller)).ConfigureAwait(false);
        }
        catch (ApiProblemException e)
        {
            return e.Problem;
        }
        catch (StorageUnavailableException e)
        {
            // The store's clients give up within seconds (BlobStoreOptions), so the caller learns
            // at once that storage, not its request, is the problem, and can try again.
            services.GetService<StorageStatus>()?.MarkDown(e.Message);
            return ApiProblem.Unavailable("Storage cannot be reached; try again when it is back", e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, e, route.ToString());
            return new ApiProblem(StatusCodes.Status500InternalServerError, "internal", "The server failed to handle the request; see its log", e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Route} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string route);
}
