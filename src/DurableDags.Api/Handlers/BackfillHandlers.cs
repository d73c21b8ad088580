using DurableDags.Api.Backfills;
using DurableDags.Api.Ids;
using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Registry;
using DurableDags.Api.Requests;
using DurableDags.Api.Routing;
using DurableDags.Api.Scheduling;
using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>
/// Backfills: create (or dry-run) one run per schedule interval of a range, read progress, cancel.
/// Creating starts the first runs at once; the scheduler tick starts the rest (<see cref="BackfillDriver"/>).
/// </summary>
public sealed class BackfillHandlers(
    DagRegistry registry,
    ScheduleCache schedules,
    BackfillStore backfills,
    BackfillDriver driver,
    IRunLauncher launcher,
    BackfillOptions limits,
    ApiOptions options,
    TimeProvider time)
{
    public async Task<IResult> CreateAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = BackfillRequest.Read(await RequestBody.ReadObjectAsync(call.Request, options.MaxBodyBytes, call.Cancellation).ConfigureAwait(false));
        var dag = await registry.GetCurrentAsync(call.DagId, call.Cancellation).ConfigureAwait(false)
            ?? throw new ApiProblemException(DagHandlers.UnknownDag(call.DagId));
        var schedule = schedules.Of(dag.Definition)
            ?? throw Invalid("dagId", $"DAG '{dag.DagId}' has no schedule; a backfill starts one run per schedule interval");
        var from = BackfillPlan.Bound(request.From, schedule.TimeZone, end: false);
        var to = BackfillPlan.Bound(request.To, schedule.TimeZone, end: true);
        if (from is null || to is null)
        {
            throw new ApiProblemException(ApiProblem.InvalidRequest("The backfill request is not valid", [
                .. from is null ? [ProblemError.At("from", $"'{QueryParameters.Shorten(request.From)}' is not a date (2026-03-27) or an ISO-8601 time")] : Array.Empty<ProblemError>(),
                .. to is null ? [ProblemError.At("to", $"'{QueryParameters.Shorten(request.To)}' is not a date (2026-03-27) or an ISO-8601 time")] : Array.Empty<ProblemError>()]));
        }

        if (to < from)
        {
            throw Invalid("to", "is before from");
        }

        var dates = BackfillPlan.Dates(schedule, from.Value, to.Value, request.Reverse, limits.MaxIntervals)
            ?? throw Invalid("to", $"the range holds more than {limits.MaxIntervals} intervals of '{schedule}', the most one backfill may cover ({BackfillOptions.Section}:MaxIntervals); split it");
        if (request.DryRun)
        {
            return JsonResponse.Ok(new BackfillDryRunView(dag.DagId, from.Value, to.Value, dates.Count, dates));
        }

        if (dates.Count == 0)
        {
            throw Invalid("to", $"the range holds no occurrence of '{schedule}'");
        }

        var now = time.GetUtcNow();
        var id = BackfillPlan.Id(from.Value, to.Value, request.Reverse, request.RerunFailed, request.SkipExisting);
        var (record, created) = await backfills.CreateAsync(
            new BackfillRecord
            {
                BackfillId = id,
                DagId = dag.DagId,
                From = from.Value,
                To = to.Value,
                Reverse = request.Reverse,
                MaxActiveRuns = request.MaxActiveRuns ?? dag.Definition.MaxActiveRuns,
                RerunFailed = request.RerunFailed,
                SkipExisting = request.SkipExisting,
                CreatedBy = call.Caller.Name,
                CreatedAt = now,
                Dates = [.. dates.Select(d => new BackfillDate(d))],
            },
            call.Cancellation).ConfigureAwait(false);
        if (created)
        {
            await driver.AdvanceAsync(dag.DagId, id, now, call.Cancellation).ConfigureAwait(false);
        }

        var view = await ViewAsync(dag.DagId, id, call.Cancellation).ConfigureAwait(false);
        return new JsonResponse(created ? StatusCodes.Status202Accepted : StatusCodes.Status200OK, view, view.StatusUrl);
    }

    public async Task<IResult> GetAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return JsonResponse.Ok(await ViewAsync(call.DagId, call.BackfillId, call.Cancellation).ConfigureAwait(false));
    }

    /// <summary>No date starts any more, and the runs the backfill started that are still going are cancelled.</summary>
    public async Task<IResult> CancelAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        BackfillRecord cancelled;
        while (true)
        {
            var (record, etag) = await RequireAsync(call.DagId, call.BackfillId, call.Cancellation).ConfigureAwait(false);
            if (record.State != BackfillState.Running)
            {
                throw new ApiProblemException(ApiProblem.Conflict(
                    $"Backfill '{record.BackfillId}' already ended {WireNames.Of(record.State)}", "Only a running backfill can be cancelled."));
            }

            cancelled = record with { State = BackfillState.Cancelled, EndedAt = time.GetUtcNow(), CancelledBy = call.Caller.Name };
            if (await backfills.TryReplaceAsync(cancelled, etag, call.Cancellation).ConfigureAwait(false))
            {
                break;
            }
        }

        foreach (var date in await driver.RefreshAsync(cancelled, call.Cancellation).ConfigureAwait(false))
        {
            if (date.IsActive && !date.RunId!.StartsWith(RunIds.ScheduledPrefix, StringComparison.Ordinal))
            {
                await launcher.CancelRunAsync(cancelled.DagId, date.RunId, call.Cancellation).ConfigureAwait(false);
            }
        }

        var view = await ViewAsync(call.DagId, call.BackfillId, call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Accepted(view, view.StatusUrl);
    }

    private async Task<BackfillView> ViewAsync(string dagId, string backfillId, CancellationToken cancellationToken)
    {
        var (record, _) = await RequireAsync(dagId, backfillId, cancellationToken).ConfigureAwait(false);
        return BackfillView.Of(record, await driver.RefreshAsync(record, cancellationToken).ConfigureAwait(false));
    }

    private async Task<(BackfillRecord Record, string ETag)> RequireAsync(string dagId, string backfillId, CancellationToken cancellationToken) =>
        await backfills.GetAsync(dagId, backfillId, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"DAG '{dagId}' has no backfill '{backfillId}'"));

    private static ApiProblemException Invalid(string path, string message) =>
        new(ApiProblem.InvalidRequest("The backfill request is not valid", [ProblemError.At(path, message)]));
}
