using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;

namespace DurableDags.Engine.Telemetry;

/// <summary>
/// The engine's traces and metrics, on <see cref="System.Diagnostics"/> only: a host turns them
/// into exports by listening to <see cref="SourceName"/> (see docs/observability.md). Nothing is
/// recorded, and nothing costs, while nobody listens.
/// </summary>
public static class DurableDagsTelemetry
{
    public const string SourceName = "DurableDags";

    public static ActivitySource Source { get; } = new(SourceName);

    public static Meter Meter { get; } = new(SourceName);

    public static Counter<long> RunsStarted { get; } =
        Meter.CreateCounter<long>("durabledags.runs.started", "{run}", "Runs created and handed to the orchestrator.");

    public static Counter<long> RunsEnded { get; } =
        Meter.CreateCounter<long>("durabledags.runs.ended", "{run}", "Runs that ended, by state.");

    public static Histogram<double> NodeDuration { get; } =
        Meter.CreateHistogram<double>("durabledags.node.duration", "s", "From an attempt's start to its end, by node type and state.");

    public static Histogram<double> QueueDelay { get; } =
        Meter.CreateHistogram<double>("durabledags.run.queue_delay", "s", "From a run's creation to its start.");

    public static Counter<long> Retries { get; } =
        Meter.CreateCounter<long>("durabledags.node.retries", "{retry}", "Attempts that failed and were scheduled again.");

    /// <summary>
    /// The context every span of a run hangs under: its trace id and parent span id are derived
    /// from the run's ids, so the activities of one run, on any worker and across restarts, join
    /// one trace without carrying anything through the orchestrator.
    /// </summary>
    public static ActivityContext RunContext(string dagId, string runId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{dagId}/{runId}"));
        return new ActivityContext(ActivityTraceId.CreateFromBytes(hash.AsSpan(0, 16)), ActivitySpanId.CreateFromBytes(hash.AsSpan(16, 8)),
            ActivityTraceFlags.Recorded, isRemote: true);
    }

    /// <summary>A span of the run's trace (null when nobody listens), tagged with its DAG and run.</summary>
    public static Activity? StartRunSpan(string name, string dagId, string runId, DateTimeOffset startTime = default)
    {
        var span = Source.StartActivity(name, ActivityKind.Internal, RunContext(dagId, runId), startTime: startTime);
        span?.SetTag("durabledags.dag.id", dagId);
        span?.SetTag("durabledags.run.id", runId);
        return span;
    }
}
