using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DurableDags.Api.Demo;

/// <summary>
/// The made-up services the example DAGs call under <c>/demo</c>: a CRM, an analytics service and
/// a mailer (customer-reports); a feature store, an ML platform with slow training jobs and a
/// model server (ml-pipeline); an ERP whose nightly exports appear late, an ETL service, a
/// warehouse with slow loads, a BI tool and a finance service (nightly-batch, finance-export);
/// pricing, experiments and statistics services (pricing-experiment); and an inbox that takes
/// every notification. Answers are canned but consistent, so runs succeed and their outputs read true.
/// </summary>
public static class DemoEndpoints
{
    private static readonly (string Id, string Plan, string Segment)[] Customers =
    [
        ("c-1001", "enterprise", "enterprise"),
        ("c-1002", "pro", "smb"),
        ("c-1003", "free", "smb"),
        ("c-1004", "enterprise", "enterprise"),
        ("c-1005", "pro", "smb"),
    ];

    public static void Map(IEndpointRouteBuilder routes, DemoClock clock, DemoInbox inbox)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(inbox);
        var demo = routes.MapGroup("/demo");
        demo.MapGet("/", () => Results.Json(new { service = "DurableDags demo", inbox = "/demo/inbox" }));
        demo.MapGet("/inbox", () => Results.Json(inbox.Newest()));
        demo.MapPost("/hooks/{channel}", async (string channel, HttpRequest request) =>
        {
            inbox.Add(channel, await ReadAsync(request).ConfigureAwait(false));
            return Results.Text("ok");
        });

        MapCustomerReports(demo, inbox);
        MapMachineLearning(demo, clock);
        MapNightlyBatch(demo, clock);
        MapPricing(demo, clock);
    }

    private static void MapCustomerReports(RouteGroupBuilder demo, DemoInbox inbox)
    {
        demo.MapGet("/crm/customers", (string? segment) => Results.Json(new
        {
            customers = Customers.Where(c => segment is null or "all" || c.Segment == segment).Select(c => new { id = c.Id, plan = c.Plan }),
        }));
        demo.MapPost("/analytics/usage-reports", async (HttpRequest request) =>
        {
            var body = await ReadAsync(request).ConfigureAwait(false);
            var id = body?["customerId"]?.GetValue<string>();
            return Customers.Any(c => c.Id == id)
                ? Results.Json(new { customerId = id, contactEmail = $"ops@{id}.example.com", reportUrl = $"https://reports.example.com/{id}/{body?["date"]}" }, statusCode: 201)
                : Results.Json(new { error = "unknown customer" }, statusCode: 400);
        });
        demo.MapPost("/mailer/messages", async (HttpRequest request) =>
        {
            inbox.Add("mail", await ReadAsync(request).ConfigureAwait(false));
            return Results.Json(new { queued = true }, statusCode: 202);
        });
    }

    private static void MapMachineLearning(RouteGroupBuilder demo, DemoClock clock)
    {
        demo.MapPost("/features/tables", () => Results.Json(new { tableUri = "abfs://features/churn/v9", holdoutUri = "abfs://features/churn/v9-holdout" }));
        demo.MapPost("/ml/jobs", () => Results.Json(new { jobId = clock.Start("job") }, statusCode: 202));
        demo.MapGet("/ml/jobs/{id}", (string id) => clock.IsDone(id) switch
        {
            null => Results.Json(new { error = $"no job {id}" }, statusCode: 404),
            false => Results.Json(new { jobId = id, state = "RUNNING" }),
            true => Results.Json(new { jobId = id, state = "SUCCEEDED", result = new { modelUri = $"models:/churn/{id}" } }),
        });
        demo.MapPost("/ml/evaluations", () => Results.Json(new { auc = 0.91 }));
        demo.MapPut("/serving/models/{model}/production", async (string model, HttpRequest request) =>
            Results.Json(new { model, modelUri = (await ReadAsync(request).ConfigureAwait(false))?["modelUri"]?.DeepClone() }));
    }

    private static void MapNightlyBatch(RouteGroupBuilder demo, DemoClock clock)
    {
        demo.MapGet("/erp/exports/{date}", (string date) => clock.SecondsUntilReady(date) is var left and > 0
            ? Results.Json(new { date, ready = false, readyInSeconds = left }, statusCode: 404)
            : Results.Json(new { date, ready = true, files = new[] { "orders.csv", "customers.csv", "payments.csv", "inventory.csv" } }));
        demo.MapPost("/etl/extract/{table}", (string table) => Results.Json(new { batchId = clock.Start($"extract-{table}") }));
        demo.MapPost("/etl/transform/{step}", (string step) => Results.Json(new { batchId = clock.Start(step) }));
        demo.MapPost("/etl/archive", () => Results.Json(new { archived = true }));
        demo.MapDelete("/etl/staging/{date}", (string date) => Results.NoContent());
        demo.MapPost("/warehouse/loads", () => Results.Json(new { id = clock.Start("load") }, statusCode: 202));
        demo.MapGet("/warehouse/loads/{id}", (string id) => clock.IsDone(id) switch
        {
            null => Results.Json(new { error = $"no load {id}" }, statusCode: 404),
            false => Results.Json(new { id, status = "running" }),
            true => Results.Json(new { id, status = "done", rows = 48_210 }),
        });
        demo.MapPost("/bi/datasets/{name}/refresh", (string name) => Results.Json(new { dataset = name, refreshed = true }));
        demo.MapPost("/finance/exports", () => Results.Json(new { id = clock.Start("finance"), rows = 1_204 }, statusCode: 201));
    }

    private static void MapPricing(RouteGroupBuilder demo, DemoClock clock)
    {
        demo.MapPost("/pricing/snapshots", () => Results.Json(new { id = clock.Start("snap") }, statusCode: 201));
        demo.MapPut("/pricing/markets/{market}/experiments/{experiment}", (string market, string experiment) =>
            Results.Json(new { market, experiment, applied = true }));
        demo.MapPost("/pricing/snapshots/{id}/restore", (string id) => Results.Json(new { id, restored = true }));
        demo.MapPost("/experiments/cohorts", () => Results.Json(new { controlCohortId = "cohort-a", variantCohortId = "cohort-b" }));
        demo.MapPost("/stats/analyses", () => Results.Json(new { id = clock.Start("analysis") }, statusCode: 202));
        demo.MapGet("/stats/analyses/{id}", (string id) => clock.IsDone(id) switch
        {
            null => Results.Json(new { error = $"no analysis {id}" }, statusCode: 404),
            false => Results.Json(new { id, state = "running" }),
            true => Results.Json(new { id, state = "complete", summary = new { uplift = 0.031, significant = true } }),
        });
    }

    /// <summary>The request's JSON body, or null when it has none or it is not JSON.</summary>
    private static async Task<JsonNode?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
