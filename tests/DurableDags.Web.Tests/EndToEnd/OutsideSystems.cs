using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>
/// Two routes the test DAGs' http nodes call, standing in for outside systems: a list of carriers
/// and a cost service that fails with 503 while <see cref="CostFails"/> is set. Every call is
/// counted and its request kept, so a test can tell what a run sent and whether a node ran again.
/// A call with <c>latencyMs</c> in its query answers that much later, so a Gantt chart has length.
/// </summary>
public sealed class OutsideSystems
{
    private int carrierCalls;
    private int costCalls;

    public volatile bool CostFails;

    public int CarrierCalls => Volatile.Read(ref carrierCalls);

    public int CostCalls => Volatile.Read(ref costCalls);

    /// <summary>The query strings the carriers route was called with.</summary>
    public ConcurrentQueue<string> CarrierQueries { get; } = new();

    /// <summary>The JSON bodies the cost route was called with.</summary>
    public ConcurrentQueue<JsonElement> CostBodies { get; } = new();

    internal void Map(WebApplication app)
    {
        app.MapGet("/outside/carriers", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref carrierCalls);
            await RespondAfterAsync(request);
            CarrierQueries.Enqueue(request.QueryString.Value ?? string.Empty);
            return Results.Json(new { carriers = new[] { new { id = "acme", routes = 3 }, new { id = "zeta", routes = 1 } } });
        });
        app.MapPost("/outside/cost", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref costCalls);
            await RespondAfterAsync(request);
            using var body = await JsonDocument.ParseAsync(request.Body);
            CostBodies.Enqueue(body.RootElement.Clone());
            return CostFails
                ? Results.Text("the billing service is down for maintenance", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Json(new { total = 42.5, currency = "EUR" });
        });
    }

    /// <summary>A call with <c>latencyMs=N</c> in its query takes that long, as a real service does.</summary>
    private static Task RespondAfterAsync(HttpRequest request) =>
        int.TryParse(request.Query["latencyMs"], out var latency) && latency > 0
            ? Task.Delay(Math.Min(latency, 5000), request.HttpContext.RequestAborted)
            : Task.CompletedTask;
}
