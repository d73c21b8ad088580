using System.Text.Json;
using DurableDags.Api.Json;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Problems;

/// <summary>
/// An RFC 9457 problem details response, written the same way by every host. The title says what
/// to do; <see cref="Errors"/> lists every error found, never only the first.
/// </summary>
public sealed class ApiProblem : IResult
{
    public const string ContentType = "application/problem+json";

    private const string TypeBase = "https://durabledags.dev/problems/";

    public ApiProblem(int status, string kind, string title, string? detail = null, IReadOnlyList<ProblemError>? errors = null)
    {
        Status = status;
        Type = TypeBase + kind;
        Title = title;
        Detail = detail;
        Errors = errors ?? [];
    }

    public int Status { get; }

    public string Type { get; }

    public string Title { get; }

    public string? Detail { get; }

    public IReadOnlyList<ProblemError> Errors { get; }

    public static ApiProblem NotFound(string title, string? detail = null) => new(StatusCodes.Status404NotFound, "not-found", title, detail);

    public static ApiProblem InvalidDag(string detail, IReadOnlyList<ProblemError> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-dag", "The DAG definition is not valid", detail, errors);

    public static ApiProblem InvalidParams(IReadOnlyList<ProblemError> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-params", "The run parameters are not valid", $"{Count(errors.Count)} in params", errors);

    public static ApiProblem InvalidRequest(string title, IReadOnlyList<ProblemError> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-request", title, Count(errors.Count), errors);

    public static ApiProblem InvalidId(IReadOnlyList<ProblemError> errors) =>
        new(StatusCodes.Status400BadRequest, "invalid-id", "An id in the request is not of the allowed form", Count(errors.Count), errors);

    public static ApiProblem Conflict(string title, string? detail = null) => new(StatusCodes.Status409Conflict, "conflict", title, detail);

    public static ApiProblem TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The request body is too large", $"Send at most {limit} bytes.");

    public static ApiProblem UnsupportedMediaType(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body's content type is not accepted", detail);

    public static ApiProblem Unauthorized(string detail) =>
        new(StatusCodes.Status401Unauthorized, "unauthorized", "Send an API key to call this route", detail);

    public static ApiProblem Forbidden(string detail) =>
        new(StatusCodes.Status403Forbidden, "forbidden", "Your credentials lack the role this route needs", detail);

    public static ApiProblem Unavailable(string title, string detail) =>
        new(StatusCodes.Status503ServiceUnavailable, "unavailable", title, detail);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        if (Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "ApiKey";
        }

        await JsonSerializer.SerializeAsync(response.Body, ToBody(), ApiJson.Options, httpContext.RequestAborted).ConfigureAwait(false);
    }

    public override string ToString() => $"{Status} {Title}: {Detail}";

    private static string Count(int errors) => errors == 1 ? "1 error" : $"{errors} errors";

    private Body ToBody() => new(Type, Title, Status, Detail, Errors.Count == 0 ? null : Errors);

    private sealed record Body(string Type, string Title, int Status, string? Detail, IReadOnlyList<ProblemError>? Errors);
}
