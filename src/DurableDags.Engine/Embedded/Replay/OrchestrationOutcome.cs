using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Engine.Embedded.History;

namespace DurableDags.Engine.Embedded.Replay;

/// <summary>How a generation of an orchestration ended.</summary>
internal abstract record OrchestrationOutcome
{
    public sealed record Completed(JsonElement? Result) : OrchestrationOutcome;

    public sealed record Failed(string Error) : OrchestrationOutcome;

    public sealed record ContinueAsNew(JsonElement? Input, ImmutableArray<EventRaised> CarriedEvents) : OrchestrationOutcome;

    /// <summary>The history event that records this outcome.</summary>
    public HistoryEvent ToHistoryEvent() => this switch
    {
        Completed c => new ExecutionCompleted(c.Result, null),
        Failed f => new ExecutionCompleted(null, f.Error),
        ContinueAsNew n => new ContinuedAsNew(n.Input, n.CarriedEvents),
        _ => throw new InvalidOperationException(GetType().Name),
    };
}
