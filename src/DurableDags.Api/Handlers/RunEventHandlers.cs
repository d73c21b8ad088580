using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Registry;
using DurableDags.Api.Routing;
using DurableDags.Api.Views;
using DurableDags.Core.Secrets;
using DurableDags.Core.States;
using DurableDags.Storage.Alerts;
using DurableDags.Storage.Audit;
using DurableDags.Storage.Checkpoints;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>
/// <c>GET /api/dags/{dagId}/runs/{runId}/events</c>: the run's event log, for audit. It is read
/// from what the run already keeps (its record, with who triggered it, its attempts, its alerts)
/// and the audit entries of who cancelled, sent events to or reran it; running a run writes
/// nothing more for it.
/// </summary>
public sealed class RunEventHandlers(DagRegistry registry)
{
    public const string TriggeredKind = "triggered";

    private ICheckpointStore Store => registry.Store;

    public async Task<IResult> ListAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var run = (await Store.GetRunAsync(call.DagId, call.RunId, call.Cancellation).ConfigureAwait(false))?.Value
            ?? throw new ApiProblemException(RunQueryHandlers.UnknownRun(call.DagId, call.RunId));
        var events = new List<RunEventView> { new(run.CreatedAt, "run_created", Detail: WireNames.Of(run.Trigger.Kind)) };
        if (run.Trigger.Actor is { } triggeredBy)
        {
            // Kept in the record (RunTrigger.Actor); older runs have an audit entry instead.
            events.Add(new(run.CreatedAt, TriggeredKind, Actor: triggeredBy));
        }

        if (run.StartedAt is { } started)
        {
            events.Add(new(started, "run_started"));
        }

        foreach (var node in await Store.ListNodesAsync(run.DagId, run.RunId, call.Cancellation).ConfigureAwait(false))
        {
            if (node.Attempts == 0)
            {
                continue;
            }

            foreach (var attempt in await Store.ListAttemptsAsync(node, call.Cancellation).ConfigureAwait(false))
            {
                events.Add(new(attempt.StartedAt, "attempt_started", node.NodeId, node.MapIndex, attempt.Attempt));
                if (attempt.EndedAt is { } ended)
                {
                    events.Add(new(ended, "attempt_ended", node.NodeId, node.MapIndex, attempt.Attempt, WireNames.Of(attempt.State), Detail: attempt.Error));
                }
            }
        }

        foreach (var alert in await new AlertLog(Store.Objects, SecretRedactor.None).ListAsync(run.DagId, run.RunId, call.Cancellation).ConfigureAwait(false))
        {
            events.Add(new(alert.At, alert.State == AlertDeliveryState.Sent ? "alert_sent" : "alert_failed", alert.NodeId, alert.MapIndex,
                alert.Attempt == 0 ? null : alert.Attempt, Detail: $"{alert.Kind} to {alert.Target}{(alert.Error is null ? "" : $": {alert.Error}")}"));
        }

        foreach (var entry in await new RunAuditLog(Store.Objects).ListAsync(run.DagId, run.RunId, call.Cancellation).ConfigureAwait(false))
        {
            events.Add(new(entry.At, entry.Kind, Actor: entry.Actor, Detail: entry.Detail));
        }

        if (run.EndedAt is { } end && run.State.IsFinal())
        {
            events.Add(new(end, "run_ended", State: WireNames.Of(run.State), Detail: run.Error));
        }

        return JsonResponse.Ok(new RunEventListView([.. events.OrderBy(e => e.At)]));
    }
}
