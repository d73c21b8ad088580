using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using DurableDags.Api.Ids;
using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Registry;
using DurableDags.Api.Requests;
using DurableDags.Api.Routing;
using DurableDags.Api.Views;
using DurableDags.Core.Params;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>
/// <c>POST /api/dags/{dagId}/runs</c>: checks the body, the run id and the idempotency key, binds
/// the params against the DAG's current version, and starts the run of that very version (a PUT in
/// between does not change it) once however often it is asked.
/// </summary>
public sealed class RunTriggerHandler(DagRegistry registry, IRunLauncher launcher, ApiOptions options, TimeProvider time)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private static readonly string[] Fields = ["params", "logicalDate", "runId"];

    public async Task<IResult> TriggerAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var body = await RequestBody.ReadObjectAsync(call.Request, options.MaxBodyBytes, call.Cancellation).ConfigureAwait(false);
        var request = Read(body, call.Request.Headers[IdempotencyHeader].ToString());
        var dag = await registry.GetCurrentAsync(call.DagId, call.Cancellation).ConfigureAwait(false)
            ?? throw new ApiProblemException(DagHandlers.UnknownDag(call.DagId));

        var now = time.GetUtcNow();
        var runId = request.RunId ?? RunIds.Manual(now);
        var logicalDate = request.LogicalDate ?? now;
        var binding = RunParams.Bind(dag.Definition, request.Params, new RunIdentity(call.DagId, runId, logicalDate));
        if (!binding.IsValid)
        {
            throw new ApiProblemException(ApiProblem.InvalidParams([.. binding.Errors.Select(e => ProblemError.At(e.Path, e.Message))]));
        }

        var start = await launcher.StartRunAsync(
            new RunLaunch
            {
                DagId = call.DagId,
                DagHash = dag.Version.Hash,
                Version = dag.Version,
                RunId = runId,
                Params = JsonSerializer.SerializeToElement(binding.Values),
                LogicalDate = logicalDate,
                IdempotencyKey = request.IdempotencyKey,
                // Who triggered is part of the record, not an audit entry of its own: one object
                // fewer per trigger, and on record exactly when the run is.
                Trigger = new RunTrigger { Kind = TriggerKind.Http, Actor = call.Caller.Name },
            },
            call.Cancellation).ConfigureAwait(false);
        var run = start.Run.Value;
        var url = RunViewMapper.StatusUrl(run.DagId, run.RunId);
        return new JsonResponse(start.Created ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, new RunStartedView(run.RunId, url), url);
    }

    /// <exception cref="ApiProblemException">400 listing every bad field of the body and the header.</exception>
    private static TriggerRequest Read(JsonObject body, string idempotencyKey)
    {
        var errors = new List<ProblemError>();
        foreach (var (name, _) in body)
        {
            if (!Fields.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(ProblemError.At(name, $"'{name}' is not a field of a trigger; use {string.Join(", ", Fields)}"));
            }
        }

        JsonObject? parameters = null;
        if (body["params"] is { } p)
        {
            parameters = p as JsonObject;
            if (parameters is null)
            {
                errors.Add(ProblemError.At("params", "expected an object of parameter values"));
            }
        }

        DateTimeOffset? logicalDate = null;
        if (body["logicalDate"] is { } date)
        {
            logicalDate = date.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse((string?)date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : null;
            if (logicalDate is null)
            {
                errors.Add(ProblemError.At("logicalDate", "expected an ISO-8601 date and time such as '2026-11-22T06:00:00Z'"));
            }
        }

        string? runId = null;
        if (body["runId"] is { } id)
        {
            runId = id.GetValueKind() == JsonValueKind.String ? (string?)id : null;
            if (IdRules.Problem(IdKind.Run, runId) is { } problem)
            {
                errors.Add(ProblemError.At("runId", $"not a valid run id: {problem}"));
                runId = null;
            }
        }

        var key = idempotencyKey.Length == 0 ? null : idempotencyKey;
        if (key is not null && IdRules.Problem(IdKind.IdempotencyKey, key) is { } keyProblem)
        {
            errors.Add(ProblemError.At(IdempotencyHeader, $"not a valid idempotency key: {keyProblem}"));
        }

        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.InvalidRequest("The trigger request is not valid", errors));
        }

        return new TriggerRequest(parameters, logicalDate, runId, key);
    }

    private sealed record TriggerRequest(JsonObject? Params, DateTimeOffset? LogicalDate, string? RunId, string? IdempotencyKey);
}
