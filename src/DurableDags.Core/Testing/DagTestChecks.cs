using System.Collections.Immutable;
using System.Globalization;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Testing;

/// <summary>
/// Checks a loaded test file against the DAG it tests: every node it names must be a node of the
/// DAG (with a hint when one is close), so a renamed node fails as a file error, not as a
/// confusing expectation.
/// </summary>
public static class DagTestChecks
{
    public static ImmutableArray<Diagnostic> Check(DagTestFile file, DagDefinition dag)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(dag);
        var ids = dag.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var diagnostics = new DiagnosticBag();
        void Named(string? node, SourceLocation at, string what)
        {
            if (node is not null && !ids.Contains(node))
            {
                diagnostics.Add(at, $"{what} names node '{node}', which DAG '{dag.Id}' does not have{DidYouMean.Hint(node, ids)}");
            }
        }

        foreach (var test in file.Tests)
        {
            foreach (var route in test.Responses.Distinct())
            {
                Named(route.Node, route.Location, "a response");
            }

            foreach (var sent in test.Events)
            {
                Named(sent.Node, sent.Location, $"'events' of test '{test.Name}'");
            }

            foreach (var node in test.Expect.Nodes)
            {
                if (ParseInstance(node.Node) is { } instance)
                {
                    Named(instance.Id, node.Location, $"'expect' of test '{test.Name}'");
                }
                else
                {
                    diagnostics.Add(node.Location, $"'{node.Node}' in 'expect' of test '{test.Name}' is neither a node id nor a map item such as node.0");
                }
            }

            foreach (var request in test.Expect.Requests)
            {
                Named(request.Node, request.Location, "an expected request");
            }
        }

        return diagnostics.ToImmutable();
    }

    /// <summary><c>apply</c> as (apply, null), <c>apply.2</c> (map item 2, as runs print it) as (apply, 2); null when it is neither.</summary>
    public static (string Id, int? MapIndex)? ParseInstance(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return (text, null);
        }

        return dot > 0 && int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? (text[..dot], index)
            : null;
    }
}
