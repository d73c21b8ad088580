using System.Globalization;
using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Registry;
using DurableDags.Api.Retention;
using DurableDags.Api.Routing;
using DurableDags.Api.Scheduling;
using DurableDags.Storage.Checkpoints;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>
/// Deleting a DAG, and purging old runs. Neither ever breaks a run: a DAG with a run still going
/// is refused (409 naming those runs), and a purge only deletes runs that have ended.
/// </summary>
public sealed class DagDeleteHandlers(ICheckpointStore store, RunPurger purger, SchedulerCursors cursors, DagOrigins origins, TimeProvider time)
{
    private const int NamedRuns = 10;

    /// <summary>
    /// <c>DELETE /api/dags/{dagId}[?runs=true]</c>: the registry entry, every version and the
    /// schedule's cursor; with <c>runs=true</c> every run too. Without it, a DAG that has runs is
    /// refused, since a run kept without the version it ran could no longer be shown.
    /// </summary>
    public async Task<IResult> DeleteAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var query = new QueryParameters(call.Request);
        var withRuns = query.Text("runs") switch
        {
            null or "false" => false,
            "true" => true,
            var other => Fail(query, "runs", $"'{QueryParameters.Shorten(other)}' is not true or false"),
        };
        query.ThrowIfInvalid();
        if (await store.GetDagAsync(call.DagId, call.Cancellation).ConfigureAwait(false) is null)
        {
            throw new ApiProblemException(DagHandlers.UnknownDag(call.DagId));
        }

        var active = await store.ListActiveRunsAsync(call.DagId, call.Cancellation).ConfigureAwait(false);
        if (active.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Conflict(
                $"DAG '{call.DagId}' has {active.Count} run(s) still going: {Names(active.Select(r => r.RunId))}",
                "Cancel them or wait until they end, then delete the DAG."));
        }

        var runs = await purger.ListAllAsync(call.DagId, call.Cancellation).ConfigureAwait(false);
        if (runs.Count > 0 && !withRuns)
        {
            throw new ApiProblemException(ApiProblem.Conflict(
                $"DAG '{call.DagId}' has {runs.Count} run(s): {Names(runs.Select(r => r.RunId))}",
                $"DELETE /api/dags/{call.DagId}?runs=true deletes them with it; a run kept without the version it ran could not be shown."));
        }

        var deleted = 0;
        foreach (var run in runs)
        {
            deleted += await store.DeleteRunAsync(call.DagId, run.RunId, call.Cancellation).ConfigureAwait(false) ? 1 : 0;
        }

        await cursors.DeleteAsync(call.DagId, call.Cancellation).ConfigureAwait(false);
        await origins.ForgetAsync(call.DagId, call.Cancellation).ConfigureAwait(false);
        await store.DeleteDagAsync(call.DagId, call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Ok(new DagDeletedView(call.DagId, true, deleted));
    }

    /// <summary><c>POST /api/runs/purge?olderThan=30d|2026-01-01T00:00:00Z[&amp;dagId=]</c>: deletes the runs that ended before then.</summary>
    public async Task<IResult> PurgeAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var query = new QueryParameters(call.Request);
        var cutoff = Cutoff(query, time.GetUtcNow());
        var dagId = query.Id("dagId", Ids.IdKind.Dag);
        query.ThrowIfInvalid();
        var purged = await purger.PurgeAsync(cutoff!.Value, dagId, call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Ok(new RunsPurgedView(cutoff.Value, purged.Count, purged));
    }

    private static DateTimeOffset? Cutoff(QueryParameters query, DateTimeOffset now)
    {
        var text = query.Text("olderThan");
        if (text is null)
        {
            query.Fail("olderThan", "is required: a number of days (30d) or an ISO-8601 time");
            return null;
        }

        if (text.EndsWith('d') && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= 36_500)
        {
            return now.AddDays(-days);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        query.Fail("olderThan", $"'{QueryParameters.Shorten(text)}' is not a number of days (30d) or an ISO-8601 time");
        return null;
    }

    private static bool Fail(QueryParameters query, string name, string message)
    {
        query.Fail(name, message);
        return false;
    }

    private static string Names(IEnumerable<string> runIds)
    {
        var all = runIds.ToList();
        return string.Join(", ", all.Take(NamedRuns)) + (all.Count > NamedRuns ? $" and {all.Count - NamedRuns} more" : "");
    }
}

public sealed record DagDeletedView(string Id, bool Deleted, int RunsDeleted);

/// <summary>The runs deleted, as <c>{dagId}/{runId}</c>.</summary>
public sealed record RunsPurgedView(DateTimeOffset EndedBefore, int Purged, IReadOnlyList<string> Runs);
