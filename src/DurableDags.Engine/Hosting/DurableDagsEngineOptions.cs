using DurableDags.Orchestration.Contracts;

namespace DurableDags.Engine;

/// <summary>Settings of the embedded DAG engine (configuration section <c>DurableDags:Engine</c> in hosts).</summary>
public sealed class DurableDagsEngineOptions
{
    /// <summary>Activities (node steps, resolves, record writes) running at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>History events one orchestration generation may reach before it continues as new.</summary>
    public int HistoryEventBudget { get; set; } = DagRunInput.DefaultHistoryEventBudget;
}
