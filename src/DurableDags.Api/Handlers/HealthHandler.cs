using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Storage.Checkpoints;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary><c>GET /api/health</c>: 200 when the store answers a listing, 503 with the reason when not.</summary>
public sealed class HealthHandler(ICheckpointStore store)
{
    public async Task<IResult> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.Objects.ListAsync("registry/", limit: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            return JsonResponse.Ok(new { status = "ok", store = "reachable" });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ApiProblem.Unavailable("The store cannot be reached", $"{e.GetType().Name}: {e.Message}");
        }
    }
}
