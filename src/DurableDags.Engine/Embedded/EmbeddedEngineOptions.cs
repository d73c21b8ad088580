namespace DurableDags.Engine.Embedded;

/// <summary>Settings of the in-process orchestration engine.</summary>
public sealed class EmbeddedEngineOptions
{
    /// <summary>Activities that run at once across all instances.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>
    /// How long an engine's claim on a running instance lasts without renewal; the engine renews
    /// its leases and looks for instances nobody holds every third of it. Null: no leases, for an
    /// engine that is alone on its store (tests of replay, <c>dags run</c>).
    /// </summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>
    /// How long the history of a turn that only started activities may wait to be written, so the
    /// turns of that span land as one chunk: a chain of short steps writes one chunk per this span
    /// instead of one per step. A stop before the write runs those activities again, the
    /// at-least-once rule of any activity running at a stop. Turns that arm timers, start child
    /// instances, take external events or end the generation are written at once. Zero: every turn.
    /// </summary>
    public TimeSpan HistoryWriteDelay { get; set; } = DefaultHistoryWriteDelay;

    /// <summary>The default of <see cref="HistoryWriteDelay"/>.</summary>
    public static TimeSpan DefaultHistoryWriteDelay { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Names this engine in its leases; unique per process by default.</summary>
    public string OwnerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// The clock of leases and heartbeats. Wall-clock time between processes, kept apart from the
    /// orchestrations' <see cref="TimeProvider"/> so durable timers and leases move independently.
    /// </summary>
    public TimeProvider LeaseClock { get; set; } = TimeProvider.System;
}
