using System.Diagnostics;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;
using Microsoft.Extensions.Logging;

namespace DurableDags.Engine.Telemetry;

/// <summary>
/// The span, log scope and metrics of one step of a node attempt. The span is current while the
/// operator runs, so an HTTP call it makes carries the run's trace in <c>traceparent</c>.
/// </summary>
internal static class AttemptTelemetry
{
    public static Activity? Start(NodeStepInput input)
    {
        var span = DurableDagsTelemetry.StartRunSpan($"node {input.NodeId}", input.DagId, input.RunId);
        if (span is not null)
        {
            span.SetTag("durabledags.node.id", input.NodeId);
            span.SetTag("durabledags.node.index", input.MapIndex);
            span.SetTag("durabledags.attempt", input.Attempt);
            span.SetTag("durabledags.step", input.Step);
        }

        return span;
    }

    /// <summary>Every log line written while the step runs names its run and node.</summary>
    public static IDisposable? Scope(ILogger? logger, NodeStepInput input) =>
        logger?.BeginScope(new Dictionary<string, object?>
        {
            ["DagId"] = input.DagId,
            ["RunId"] = input.RunId,
            ["NodeId"] = input.NodeId,
            ["MapIndex"] = input.MapIndex,
            ["Attempt"] = input.Attempt,
        });

    /// <summary>Marks the span with the step's outcome and, when the attempt ended, records its duration.</summary>
    public static void End(Activity? span, NodeStepInput input, NodeStepResult result, DateTimeOffset attemptStart, DateTimeOffset now)
    {
        span?.SetTag("durabledags.step.result", result.Kind.ToString());
        if (result.Kind == NodeStepKind.Failed)
        {
            span?.SetStatus(ActivityStatusCode.Error, result.Error);
        }

        var state = result.Kind switch
        {
            NodeStepKind.Succeeded => NodeState.Succeeded,
            NodeStepKind.Failed => NodeState.Failed,
            NodeStepKind.Skipped => NodeState.Skipped,
            _ => (NodeState?)null,
        };
        if (state is { } ended)
        {
            DurableDagsTelemetry.NodeDuration.Record((now - attemptStart).TotalSeconds,
                new("durabledags.dag.id", input.DagId), new("durabledags.node.state", WireNames.Of(ended)));
        }
    }
}
