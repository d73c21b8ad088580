using DurableDags.Core.States;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Telemetry;

/// <summary>What a run adds to the traces and metrics when it starts and when it ends.</summary>
internal static class RunTelemetry
{
    public static void Started(RunRecord run) =>
        DurableDagsTelemetry.RunsStarted.Add(1, new("durabledags.dag.id", run.DagId), new("durabledags.trigger", WireNames.Of(run.Trigger.Kind)));

    /// <summary>Nodes a batch of changes put up for retry (each retry once: see RecordNodeStatesActivity).</summary>
    public static void Retried(string dagId, int retries)
    {
        if (retries > 0)
        {
            DurableDagsTelemetry.Retries.Add(retries, new KeyValuePair<string, object?>("durabledags.dag.id", dagId));
        }
    }

    /// <summary>The run's span, from its start to its end, under the run's trace; its queue delay; its end by state.</summary>
    public static void Ended(RunRecord run, DateTimeOffset endedAt)
    {
        var state = WireNames.Of(run.State);
        DurableDagsTelemetry.RunsEnded.Add(1, new("durabledags.dag.id", run.DagId), new("durabledags.run.state", state));
        var started = run.StartedAt ?? run.CreatedAt;
        DurableDagsTelemetry.QueueDelay.Record((started - run.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("durabledags.dag.id", run.DagId));
        using var span = DurableDagsTelemetry.StartRunSpan($"run {run.DagId}", run.DagId, run.RunId, started);
        if (span is not null)
        {
            span.SetTag("durabledags.run.state", state);
            span.SetTag("durabledags.logical_date", run.LogicalDate?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            if (run.State == RunState.Failed)
            {
                span.SetStatus(System.Diagnostics.ActivityStatusCode.Error, run.Error);
            }

            span.SetEndTime(endedAt.UtcDateTime);
        }
    }
}
