using DurableDags.Api.Backfills;
using DurableDags.Api.Ids;
using DurableDags.Api.Registry;
using DurableDags.Api.Retention;
using DurableDags.Storage.Runs;
using Microsoft.Extensions.Logging;

namespace DurableDags.Api.Scheduling;

/// <summary>
/// One pass of the scheduler over every DAG: starts the scheduled runs that are due at
/// <c>now</c>, in each DAG's time zone. The local server calls it every few seconds; the Functions
/// timer calls the same code. Safe to run on many servers at once: a scheduled run's id is its
/// logical date and is created only if absent, so each due run starts exactly once. The same tick
/// then moves the open backfills on (<see cref="BackfillDriver"/>) and purges runs past their
/// retention (<see cref="RunRetention"/>).
/// </summary>
public sealed partial class SchedulerTick(
    DagRegistry registry,
    SchedulerCursors cursors,
    ScheduleCache schedules,
    LogicalDateRuns runs,
    BackfillDriver backfills,
    RunRetention retention,
    SchedulerOptions options,
    ILogger<SchedulerTick> logger)
{
    public async Task<SchedulerTickReport> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var started = new List<string>();
        var errors = new List<string>();
        foreach (var dag in await registry.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                started.AddRange(await ScheduleAsync(dag, now, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One DAG's failure must not stop the others from being scheduled.
                LogDagFailed(logger, e, dag.DagId);
                errors.Add($"{dag.DagId}: {e.Message}");
            }
        }

        try
        {
            started.AddRange(await backfills.AdvanceAllAsync(now, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBackfillsFailed(logger, e);
            errors.Add($"backfills: {e.Message}");
        }

        try
        {
            await retention.ApplyAsync(now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRetentionFailed(logger, e);
            errors.Add($"retention: {e.Message}");
        }

        return new SchedulerTickReport(started, errors);
    }

    private async Task<List<string>> ScheduleAsync(RegisteredDag dag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var definition = dag.Definition;
        if (dag.Entry.Paused || schedules.Of(definition) is not { } schedule)
        {
            return [];
        }

        var cursor = await cursors.GetOrCreateAsync(dag.DagId, now, cancellationToken).ConfigureAwait(false);
        var due = DueRuns.At(schedule, definition.Catchup, definition.Start ?? cursor.NotBefore, cursor.LastLogicalDate, now, options.MaxRunsPerTick);
        if (due.Count == 0)
        {
            return [];
        }

        var active = await registry.Store.ListActiveRunsAsync(dag.DagId, cancellationToken).ConfigureAwait(false);
        var slots = definition.MaxActiveRuns - active.Count;
        var started = new List<string>();
        foreach (var logicalDate in due)
        {
            var runId = RunIds.Scheduled(logicalDate);
            if (slots <= 0 && !active.Any(r => r.RunId == runId))
            {
                // Due runs wait their turn; the cursor stays, so a later tick starts them.
                break;
            }

            var start = await runs.StartAsync(dag, runId, logicalDate, new RunTrigger { Kind = TriggerKind.Schedule }, now, cancellationToken).ConfigureAwait(false);
            if (start.Created)
            {
                slots--;
                started.Add(runId);
            }

            await cursors.AdvanceAsync(dag.DagId, logicalDate, cancellationToken).ConfigureAwait(false);
        }

        return started;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduling DAG {DagId} failed")]
    private static partial void LogDagFailed(ILogger logger, Exception exception, string dagId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Advancing the backfills failed")]
    private static partial void LogBackfillsFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging runs past their retention failed")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception);
}
