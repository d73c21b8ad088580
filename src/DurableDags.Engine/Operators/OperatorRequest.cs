using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Core.Expressions;
using DurableDags.Engine.Operators.Logs;

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

    /// <summary>
    /// The names the node's expressions read: <c>params</c>, <c>nodes</c>, <c>run</c>,
    /// <c>secrets</c>, and <c>item</c> and <c>index</c> for mapped instances. Operators layer their
    /// own phase names (<c>submit</c>, <c>poll</c>, <c>response</c>) over it.
    /// </summary>
    public required IExpressionScope Scope { get; init; }

    /// <summary>The log of this attempt; the caller persists it and redacts secret values.</summary>
    public required IAttemptLog Log { get; init; }

    /// <summary>The clock operators read (deadlines, request timeouts); tests pass a controlled one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>What the operator returned with its last <see cref="OperatorResult.Poll"/> or
    /// <see cref="OperatorResult.WaitForEvent"/> in this attempt; null on the first step.</summary>
    public JsonNode? State { get; init; }

    /// <summary>The payload of the event this attempt waited for, once it arrived.</summary>
    public JsonNode? EventPayload { get; init; }

    /// <summary>
    /// True when this step runs because the deadline of a <see cref="OperatorResult.WaitForEvent"/>
    /// passed before the event arrived; <see cref="EventPayload"/> is then null.
    /// </summary>
    public bool EventDeadlinePassed { get; init; }
}
