using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Json;

/// <summary>A JSON body with a status and, for created resources, a <c>Location</c>.</summary>
public sealed class JsonResponse(int status, object body, string? location = null) : IResult
{
    public int Status { get; } = status;

    public object Body { get; } = body;

    public string? Location { get; } = location;

    public static JsonResponse Ok(object body) => new(StatusCodes.Status200OK, body);

    public static JsonResponse Accepted(object body, string? location = null) => new(StatusCodes.Status202Accepted, body, location);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = "application/json; charset=utf-8";
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), ApiJson.Options, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
