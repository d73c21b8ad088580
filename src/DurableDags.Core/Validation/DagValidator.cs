using System.Collections.Immutable;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;
using DurableDags.Core.Scheduling;

namespace DurableDags.Core.Validation;

/// <summary>
/// Checks a DAG against everything the format defines that its types cannot: id forms, needs and
/// cycles, operators and their settings, params, schedule and time zone, limits, and expressions.
/// <see cref="DagLoader"/> runs it after reading; call it directly for a DAG built in code.
/// Runs in O(V + E) plus the size of the settings and expressions.
/// </summary>
public static class DagValidator
{
    public const int MaxActiveRunsLimit = 1_000;

    public const int MaxParallelNodesLimit = 1_000;

    /// <param name="map">Where the DAG's values were written; without it messages name only the file.</param>
    public static ImmutableArray<Diagnostic> Validate(DagDefinition dag, OperatorCatalog operators, SourceMap? map = null)
    {
        ArgumentNullException.ThrowIfNull(dag);
        ArgumentNullException.ThrowIfNull(operators);
        var report = new ValidationReport(map ?? SourceMap.Empty(dag.SourceFile));
        CheckDag(dag, report);
        ParamChecks.Check(dag, report);
        foreach (var node in dag.Nodes)
        {
            CheckNode(node, operators, report);
        }

        var graph = NeedsGraph.Build(dag, report);
        new ExpressionChecks(dag, graph, operators, report).Check();
        return report.Diagnostics.ToImmutable();
    }

    private static void CheckDag(DagDefinition dag, ValidationReport report)
    {
        if (dag.Id.Length > 0 && !IdForm.IsDagId(dag.Id))
        {
            report.At("/id", $"DAG id '{dag.Id}' must be {IdForm.DagIdRule}");
        }

        CheckRange(dag.MaxActiveRuns, MaxActiveRunsLimit, "/maxActiveRuns", report);
        CheckRange(dag.MaxParallelNodes, MaxParallelNodesLimit, "/maxParallelNodes", report);
        var zoneIsValid = ScheduleTimeZone.TryFind(dag.TimeZone, out _, out var zoneError);
        if (!zoneIsValid)
        {
            report.At("/timezone", zoneError!);
        }

        // With a bad zone, still check the expression itself, read in UTC.
        if (dag.Schedule is { } expression && !Schedule.TryParse(expression, zoneIsValid ? dag.TimeZone : "UTC", out _, out var error))
        {
            report.At("/schedule", $"schedule '{expression}' is not valid: {error}");
        }
    }

    private static void CheckRange(int value, int limit, string pointer, ValidationReport report)
    {
        if (value < 1 || value > limit)
        {
            report.At(pointer, $"'{pointer[1..]}' must be between 1 and {limit}, got {value}");
        }
    }

    private static void CheckNode(NodeDefinition node, OperatorCatalog operators, ValidationReport report)
    {
        if (!IdForm.IsNodeId(node.Id))
        {
            report.AtKey(ValidationReport.NodePointer(node.Id), $"node id '{node.Id}' must be {IdForm.NodeIdRule}");
        }

        if (node.Type.Length == 0)
        {
            return; // the loader reported the missing type
        }

        if (operators.Find(node.Type) is not { } spec)
        {
            var hint = DidYouMean.Hint(node.Type, operators.Names);
            report.At(ValidationReport.NodePointer(node.Id, "type"), $"node '{node.Id}' has unknown type '{node.Type}'"
                + (hint.Length > 0 ? hint : $"; operators are {string.Join(", ", operators.Names)}"));
            return;
        }

        var with = ValidationReport.NodePointer(node.Id, "with");
        foreach (var issue in SettingsValidator.Validate(spec, node))
        {
            if (issue.AtKey)
            {
                report.AtKey(with + issue.Pointer, issue.Message);
            }
            else
            {
                report.At(with + issue.Pointer, issue.Message);
            }
        }
    }
}
