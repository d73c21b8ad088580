using System.Text.Json.Nodes;
using System.Text.Json;
using DurableDags.Api.Ids;
using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Registry;
using DurableDags.Api.Requests;
using DurableDags.Api.Routing;
using DurableDags.Api.Security;
using DurableDags.Api.Views;
using DurableDags.Core.States;
using DurableDags.Engine.Operators.Waits;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Audit;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>The routes that act on a run: cancel, rerun and events.</summary>
public sealed class RunControlHandlers(DagRegistry registry, IRunLauncher launcher, ApprovalDecisions decisions, ApiOptions options, TimeProvider time)
{
    public async Task<IResult> CancelAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var run = await RequireRunAsync(call).ConfigureAwait(false);
        RequireUnfinished(run, "cancelled");
        await AuditAsync(call, "cancel_requested", null).ConfigureAwait(false);
        await launcher.CancelRunAsync(run.DagId, run.RunId, call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Accepted(new CancellingView(run.RunId, "cancelling"), RunViewMapper.StatusUrl(run.DagId, run.RunId));
    }

    public async Task<IResult> RaiseEventAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var payload = await RequestBody.ReadJsonAsync(call.Request, options.MaxBodyBytes, call.Cancellation).ConfigureAwait(false);
        var run = await RequireRunAsync(call).ConfigureAwait(false);
        RequireUnfinished(run, "sent events");
        var dag = await registry.GetVersionAsync(run.DagId, run.DagHash, call.Cancellation).ConfigureAwait(false);
        ApprovalGate.Check(dag, call.EventName, call.Caller);
        await AuditAsync(call, "event_sent", call.EventName).ConfigureAwait(false);
        var sender = new EventSender(call.Caller.Name, call.Caller.Identities, call.Caller.Verified);
        await decisions.RecordAsync(run, call.EventName, JsonSerializer.SerializeToElement(payload), sender, call.Cancellation).ConfigureAwait(false);

        // The sender goes with the payload, so the node can check its approvers again and record who decided.
        var sent = EventSender.Wrap(payload, sender);
        var delivered = await launcher.RaiseEventAsync(run.DagId, run.RunId, call.EventName, sent, call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Accepted(new EventDeliveredView(run.RunId, call.EventName, delivered));
    }

    /// <summary>
    /// A new run of the original's version and params. <c>from</c> clears that node and its
    /// downstream, <c>failedOnly</c> the failed, upstream_failed and cancelled nodes and their
    /// downstream, neither clears every node; the launcher keeps the states and outputs of the rest.
    /// </summary>
    public async Task<IResult> RerunAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var body = await RequestBody.ReadObjectAsync(call.Request, options.MaxBodyBytes, call.Cancellation).ConfigureAwait(false);
        var (from, failedOnly) = ReadRerun(body);
        var original = await RequireRunAsync(call).ConfigureAwait(false);
        if (!original.State.IsFinal())
        {
            throw new ApiProblemException(ApiProblem.Conflict(
                $"Run '{original.RunId}' is still {WireNames.Of(original.State)}", "Rerun it once it has ended, or cancel it first."));
        }

        var dag = await registry.GetVersionAsync(original.DagId, original.DagHash, call.Cancellation).ConfigureAwait(false);
        if (from is not null && dag.FindNode(from) is null)
        {
            throw new ApiProblemException(ApiProblem.InvalidRequest(
                "The rerun request is not valid", [ProblemError.At("from", $"version {original.DagVersion} of DAG '{original.DagId}' has no node '{from}'")]));
        }

        var start = await launcher.RerunAsync(
            new RunRerun { DagId = original.DagId, RunId = original.RunId, NewRunId = RunIds.Rerun(time.GetUtcNow()), From = from, FailedOnly = failedOnly },
            call.Cancellation).ConfigureAwait(false);
        await AuditAsync(call, "rerun_requested", start.Run.Value.RunId).ConfigureAwait(false);
        var url = RunViewMapper.StatusUrl(original.DagId, start.Run.Value.RunId);
        return JsonResponse.Accepted(new RunStartedView(start.Run.Value.RunId, url), url);
    }

    /// <summary>Records who did what to the run, for its event log; written before the answer, so an accepted request is always on record.</summary>
    private Task AuditAsync(ApiCall call, string kind, string? detail) =>
        new RunAuditLog(registry.Store.Objects).AppendAsync(call.DagId, call.RunId,
            new RunAuditEntry { Kind = kind, Actor = call.Caller.Name, Detail = detail, At = time.GetUtcNow() }, call.Cancellation);

    private static (string? From, bool FailedOnly) ReadRerun(JsonObject body)
    {
        var errors = new List<ProblemError>();
        string? from = null;
        var failedOnly = false;
        foreach (var (name, value) in body)
        {
            switch (name)
            {
                case "from":
                    from = value?.GetValueKind() == JsonValueKind.String ? (string?)value : null;
                    if (IdRules.Problem(IdKind.Node, from) is { } problem)
                    {
                        errors.Add(ProblemError.At("from", $"not a valid node id: {problem}"));
                    }

                    break;
                case "failedOnly":
                    if (value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                    {
                        failedOnly = (bool)value;
                    }
                    else
                    {
                        errors.Add(ProblemError.At("failedOnly", "expected true or false"));
                    }

                    break;
                default:
                    errors.Add(ProblemError.At(name, $"'{name}' is not a field of a rerun; use from, failedOnly"));
                    break;
            }
        }

        return errors.Count > 0
            ? throw new ApiProblemException(ApiProblem.InvalidRequest("The rerun request is not valid", errors))
            : (from, failedOnly);
    }

    private async Task<RunRecord> RequireRunAsync(ApiCall call) =>
        (await registry.Store.GetRunAsync(call.DagId, call.RunId, call.Cancellation).ConfigureAwait(false))?.Value
            ?? throw new ApiProblemException(RunQueryHandlers.UnknownRun(call.DagId, call.RunId));

    private static void RequireUnfinished(RunRecord run, string action)
    {
        if (run.State.IsFinal())
        {
            throw new ApiProblemException(ApiProblem.Conflict(
                $"Run '{run.RunId}' already ended {WireNames.Of(run.State)}", $"Only a queued or running run can be {action}."));
        }
    }
}
