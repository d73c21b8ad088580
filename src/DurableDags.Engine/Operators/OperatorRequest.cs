using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;

namespace DurableDags.Engine.Operators;

/// <summary>Everything one step of a node attempt may read.</summary>
public sealed record OperatorRequest
{
    public required string DagId { get; init; }

    public required string RunId { get; init; }

    public required NodeDefinition Node { get; init; }

    /// <summary>Index of the mapped instance, for <c>foreach</c> nodes.</summary>
    public int? MapIndex { get; init; }

    /// <summary>1-based attempt number.</summary>
    public required int Attempt { get; init; }

    /// <summary>
    /// <c>{runId}/{nodeId}/{attempt}</c> (with <c>[index]</c> for mapped instances): the same on
    /// every retry of a step, so a service can drop duplicates of an at-least-once delivery.
    /// </summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The node's <c>with</c> settings as written; the operator evaluates what it needs.</summary>
    public JsonElement Settings => Node.With;

    /// <summary>What the operator returned with its last <see cref="OperatorResult.Poll"/> in this attempt.</summary>
    public JsonNode? State { get; init; }

    /// <summary>The payload of the event this attempt waited for, once it arrived.</summary>
    public JsonNode? EventPayload { get; init; }
}
