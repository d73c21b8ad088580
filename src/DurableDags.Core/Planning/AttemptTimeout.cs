using System.Globalization;
using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.States;

namespace DurableDags.Core.Planning;

/// <summary>
/// What a node's <c>timeout</c> ends an attempt as. Most nodes fail and may retry. A sensor's
/// timeout is its answer, not a fault: a retry would only wait as long again for the same
/// condition, so it fails for good, or ends skipped with <c>softFail</c> (as Airflow's sensors).
/// </summary>
/// <param name="State">The attempt's end: <see cref="NodeState.Failed"/> or <see cref="NodeState.Skipped"/>.</param>
/// <param name="Final">True when the node's remaining retries are skipped.</param>
public sealed record AttemptTimeout(NodeState State, string Error, bool Final)
{
    private const string SensorType = "sensor";

    /// <summary>Pure: reads only the node as written, so an orchestrator may decide with it.</summary>
    public static AttemptTimeout Of(NodeDefinition node, int attempt)
    {
        ArgumentNullException.ThrowIfNull(node);
        var timeout = node.Policy.Timeout ?? TimeSpan.Zero;
        if (node.Type != SensorType)
        {
            return new AttemptTimeout(NodeState.Failed, string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} timed out after {timeout}"), Final: false);
        }

        var error = $"the sensor timed out after {Duration.Format(timeout)}: its condition did not hold";
        return new AttemptTimeout(SoftFails(node) ? NodeState.Skipped : NodeState.Failed, error, Final: true);
    }

    // Only a literal true counts: an expression is evaluated by the step, which the orchestrator
    // cannot do, and a sensor that cannot tell fails rather than skips silently.
    private static bool SoftFails(NodeDefinition node) =>
        node.With.ValueKind == JsonValueKind.Object
        && node.With.TryGetProperty("softFail", out var soft)
        && soft.ValueKind == JsonValueKind.True;
}
