using DurableDags.Orchestration.Contracts;

namespace DurableDags.Engine;

/// <summary>Settings of the embedded DAG engine (configuration section <c>DurableDags:Engine</c> in hosts).</summary>
public sealed class DurableDagsEngineOptions
{
    /// <summary>Activities (node steps, resolves, record writes) running at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>History events one orchestration generation may reach before it continues as new.</summary>
    public int HistoryEventBudget { get; set; } = DagRunInput.DefaultHistoryEventBudget;

    /// <summary>
    /// How long history of turns that only started or ended activities may wait to be written
    /// together (see docs/execution.md); zero writes every turn at once.
    /// </summary>
    public TimeSpan HistoryWriteDelay { get; set; } = Embedded.EmbeddedEngineOptions.DefaultHistoryWriteDelay;

    /// <summary>
    /// How long a node's first step may run before its node is marked running (see
    /// docs/execution.md); a step that ends sooner writes its start and end in one create.
    /// </summary>
    public TimeSpan RunningMarkDelay { get; set; } = Activities.DelayedRunningMark.DefaultDelay;

    /// <summary>
    /// How long a server's claim on a running orchestration lasts without renewal. It renews its
    /// leases every third of this; another server on the same store takes over an instance only
    /// once its lease expired, so this is also how soon a crashed server's runs carry on elsewhere.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Names this server in its leases. Unset, each process gets a new name, so a server restarted
    /// after a crash waits for its predecessor's leases to expire; set one name per server (never
    /// the same for two servers on one store) and it resumes its own runs at once.
    /// </summary>
    public string? OwnerId { get; set; }

    /// <summary>
    /// How many orchestrations of triggered and scheduled runs are started at once in the
    /// background, after the run is recorded (and the trigger answered). Zero starts each one in
    /// its trigger's request, before the answer.
    /// </summary>
    public int RunStarters { get; set; } = 1;
}
