using DurableDags.Api.Ids;
using DurableDags.Api.Registry;
using DurableDags.Api.Scheduling;
using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Backfills;

/// <summary>
/// Moves running backfills on, from the scheduler tick on both hosts: reads the state of the runs
/// a backfill started, starts the next dates while fewer than its maxActiveRuns run, and ends it
/// when every date's run has ended. Safe on many servers at once: a date's run id is
/// deterministic and created only if absent, and the record is replaced only on its ETag.
/// </summary>
public sealed class BackfillDriver(DagRegistry registry, BackfillStore backfills, LogicalDateRuns runs, IRunLauncher launcher)
{
    /// <summary>The ids of the runs started, over every running backfill.</summary>
    public async Task<IReadOnlyList<string>> AdvanceAllAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = new List<string>();
        foreach (var (dagId, backfillId) in await backfills.ListOpenAsync(cancellationToken).ConfigureAwait(false))
        {
            started.AddRange(await AdvanceAsync(dagId, backfillId, now, cancellationToken).ConfigureAwait(false));
        }

        return started;
    }

    public async Task<IReadOnlyList<string>> AdvanceAsync(string dagId, string backfillId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await backfills.GetAsync(dagId, backfillId, cancellationToken).ConfigureAwait(false);
        if (found is not { } current || current.Record.State != BackfillState.Running)
        {
            await backfills.ForgetAsync(dagId, backfillId, cancellationToken).ConfigureAwait(false);
            return [];
        }

        var (record, etag) = current;

        var dates = (await RefreshAsync(record, cancellationToken).ConfigureAwait(false)).ToList();
        var started = new List<string>();
        var dag = await registry.GetCurrentAsync(dagId, cancellationToken).ConfigureAwait(false);
        if (dag is not null)
        {
            var slots = record.MaxActiveRuns - dates.Count(d => d.IsActive);
            for (var i = 0; i < dates.Count && slots > 0; i++)
            {
                if (!dates[i].IsPending)
                {
                    continue;
                }

                var (run, created) = await StartAsync(dag, record, dates[i].LogicalDate, now, cancellationToken).ConfigureAwait(false);
                dates[i] = dates[i] with { RunId = run.RunId, State = run.State };
                slots -= run.State.IsFinal() ? 0 : 1;
                if (created)
                {
                    started.Add(run.RunId);
                }
            }
        }

        // A DAG deleted under a backfill ends it: no date left can start.
        var ended = dag is null || dates.All(d => !d.IsPending && !d.IsActive);
        var next = record with
        {
            Dates = dates,
            State = ended ? (dag is null ? BackfillState.Cancelled : BackfillState.Completed) : BackfillState.Running,
            EndedAt = ended ? now : null,
        };

        // Lost to another writer: it moved the backfill on; this tick's starts are in its runs.
        await backfills.TryReplaceAsync(next, etag, cancellationToken).ConfigureAwait(false);
        return started;
    }

    /// <summary>The dates with the current state of every run not known to have ended.</summary>
    public async Task<IReadOnlyList<BackfillDate>> RefreshAsync(BackfillRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var dates = new List<BackfillDate>(record.Dates.Count);
        foreach (var date in record.Dates)
        {
            var run = date.IsActive ? (await registry.Store.GetRunAsync(record.DagId, date.RunId!, cancellationToken).ConfigureAwait(false))?.Value : null;
            dates.Add(run is null ? date : date with { State = run.State });
        }

        return dates;
    }

    /// <summary>
    /// The run that covers one date. A date with no run yet gets <c>backfill__{date}</c>. A date
    /// that has one (the backfill's own, or the schedule's <c>scheduled__{date}</c>) keeps it,
    /// unless it ended and the backfill reruns it: its failed nodes with <c>rerunFailed</c>, every
    /// node without <c>skipExisting</c>, as a rerun named after the date and the backfill.
    /// </summary>
    private async Task<(RunRecord Run, bool Created)> StartAsync(RegisteredDag dag, BackfillRecord record, DateTimeOffset logicalDate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var own = RunIds.Backfill(logicalDate);
        var rerunId = $"{own}_{record.BackfillId[^8..]}";
        var existing = await GetAsync(dag.DagId, rerunId, cancellationToken).ConfigureAwait(false)
            ?? await GetAsync(dag.DagId, own, cancellationToken).ConfigureAwait(false)
            ?? await GetAsync(dag.DagId, RunIds.Scheduled(logicalDate), cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            var start = await runs.StartAsync(dag, own, logicalDate, new RunTrigger { Kind = TriggerKind.Backfill, BackfillId = record.BackfillId }, now, cancellationToken).ConfigureAwait(false);
            return (start.Run.Value, start.Created);
        }

        var failed = existing.State is RunState.Failed or RunState.Cancelled;
        var rerun = existing.State.IsFinal() && existing.RunId != rerunId && existing.Trigger.BackfillId != record.BackfillId
            && (!record.SkipExisting || (record.RerunFailed && failed));
        if (!rerun)
        {
            return (existing, false);
        }

        var restart = await launcher.RerunAsync(
            new RunRerun { DagId = dag.DagId, RunId = existing.RunId, NewRunId = rerunId, FailedOnly = record.SkipExisting },
            cancellationToken).ConfigureAwait(false);
        return (restart.Run.Value, restart.Created);
    }

    private async Task<RunRecord?> GetAsync(string dagId, string runId, CancellationToken cancellationToken) =>
        (await registry.Store.GetRunAsync(dagId, runId, cancellationToken).ConfigureAwait(false))?.Value;
}
