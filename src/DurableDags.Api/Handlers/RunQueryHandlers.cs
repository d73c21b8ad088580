using System.Globalization;
using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Registry;
using DurableDags.Api.Routing;
using DurableDags.Api.Views;
using DurableDags.Core.Secrets;
using DurableDags.Core.States;
using DurableDags.Storage.Alerts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>The read-only run routes: list, get with every node, a node's log and its output.</summary>
public sealed class RunQueryHandlers(DagRegistry registry, RunNodeViews nodeViews)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 200;

    private ICheckpointStore Store => registry.Store;

    public async Task<IResult> ListAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var query = new QueryParameters(call.Request);
        var limit = query.Integer("limit", 1, MaxLimit) ?? DefaultLimit;
        RunState? state = null;
        if (query.Text("state") is { } stateText)
        {
            state = WireNames.TryParseRunState(stateText, out var parsed) ? parsed : null;
            if (state is null)
            {
                query.Fail("state", $"'{QueryParameters.Shorten(stateText)}' is not a run state; use one of {string.Join(", ", WireNames.All<RunState>())}");
            }
        }

        var runQuery = new RunQuery { Limit = limit, State = state };
        if (query.Text("before") is { } before)
        {
            runQuery = DateTimeOffset.TryParse(before, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                ? runQuery with { Before = instant }
                : runQuery with { Cursor = before };
        }

        query.ThrowIfInvalid();
        await RequireDagAsync(call).ConfigureAwait(false);
        RunPage page;
        try
        {
            page = await Store.ListRunsAsync(call.DagId, runQuery, call.Cancellation).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (runQuery.Cursor is not null)
        {
            throw new ApiProblemException(ApiProblem.InvalidRequest("A query parameter is not valid", [ProblemError.At("before", e.Message)]));
        }

        return JsonResponse.Ok(new RunListView([.. page.Runs.Select(RunViewMapper.Summary)], page.NextCursor));
    }

    public async Task<IResult> GetAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var run = await RequireRunAsync(call).ConfigureAwait(false);
        var definition = await registry.GetVersionAsync(run.DagId, run.DagHash, call.Cancellation).ConfigureAwait(false);
        var nodes = await nodeViews.BuildAsync(run, definition, call.Cancellation).ConfigureAwait(false);
        var alerts = await new AlertLog(Store.Objects, SecretRedactor.None).ListAsync(run.DagId, run.RunId, call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Ok(RunViewMapper.Detail(run, nodes, alerts));
    }

    public async Task<IResult> GetLogAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (run, instance, record) = await RequireNodeAsync(call).ConfigureAwait(false);
        var query = new QueryParameters(call.Request);
        var attempt = query.Integer("attempt", 1, 9999);
        query.ThrowIfInvalid();
        var attempts = record?.Attempts ?? 0;
        attempt ??= Math.Max(attempts, 1);
        if (record is null || attempt > attempts)
        {
            throw new ApiProblemException(ApiProblem.NotFound(
                $"Node '{instance}' of run '{run.RunId}' has no attempt {attempt}",
                attempts == 0 ? "It has not started yet." : $"It has made {attempts} attempt(s) so far."));
        }

        // The node record is in hand: its attempts come without reading it again.
        var recorded = (await Store.ListAttemptsAsync(record, call.Cancellation).ConfigureAwait(false)).FirstOrDefault(a => a.Attempt == attempt);
        var log = recorded is null
            ? await Store.ReadLogAsync(run.DagId, run.RunId, instance, attempt.Value, call.Cancellation).ConfigureAwait(false)
            : await Store.ReadLogAsync(recorded, call.Cancellation).ConfigureAwait(false);
        return Results.Text(log ?? string.Empty, "text/plain; charset=utf-8");
    }

    public async Task<IResult> GetOutputAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (run, instance, record) = await RequireNodeAsync(call).ConfigureAwait(false);
        var output = record is null ? null : await Store.ReadOutputAsync(record, call.Cancellation).ConfigureAwait(false);
        if (output is not { } value)
        {
            throw new ApiProblemException(ApiProblem.NotFound($"Node '{instance}' of run '{run.RunId}' has no output"));
        }

        return JsonResponse.Ok(value);
    }

    private async Task RequireDagAsync(ApiCall call)
    {
        if (await Store.GetDagAsync(call.DagId, call.Cancellation).ConfigureAwait(false) is null)
        {
            throw new ApiProblemException(DagHandlers.UnknownDag(call.DagId));
        }
    }

    private async Task<RunRecord> RequireRunAsync(ApiCall call) =>
        (await Store.GetRunAsync(call.DagId, call.RunId, call.Cancellation).ConfigureAwait(false))?.Value
            ?? throw new ApiProblemException(UnknownRun(call.DagId, call.RunId));

    private async Task<(RunRecord Run, NodeInstance Instance, NodeRecord? Record)> RequireNodeAsync(ApiCall call)
    {
        var run = await RequireRunAsync(call).ConfigureAwait(false);
        var definition = await registry.GetVersionAsync(run.DagId, run.DagHash, call.Cancellation).ConfigureAwait(false);
        var node = definition.FindNode(call.NodeId)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"DAG '{run.DagId}' version {run.DagVersion} has no node '{call.NodeId}'"));
        var query = new QueryParameters(call.Request);
        var index = query.Integer("index", 0, int.MaxValue);
        if (index is not null && !node.IsMapped)
        {
            query.Fail("index", $"node '{node.Id}' is not a foreach node, so it has no instances");
        }

        query.ThrowIfInvalid();
        var instance = new NodeInstance(node.Id, index);
        var record = await Store.GetNodeAsync(run.DagId, run.RunId, instance, call.Cancellation).ConfigureAwait(false);
        return (run, instance, record?.Value);
    }

    public static ApiProblem UnknownRun(string dagId, string runId) =>
        ApiProblem.NotFound($"DAG '{dagId}' has no run '{runId}'", $"GET /api/dags/{dagId}/runs lists its runs.");
}
