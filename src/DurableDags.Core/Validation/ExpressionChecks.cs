using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Expressions;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;

namespace DurableDags.Core.Validation;

/// <summary>
/// Parses every expression of a DAG and checks the names it reads: that they exist, are in scope
/// where written, and that a node reads only nodes upstream of it (anything else would race).
/// </summary>
internal sealed class ExpressionChecks(DagDefinition dag, NeedsGraph graph, OperatorCatalog operators, ValidationReport report)
{
    private readonly UpstreamReach _reach = new(graph);

    public void Check()
    {
        foreach (var param in dag.Params)
        {
            if (param.Default is { } value)
            {
                var rules = new ExpressionRules(FieldName.Whole($"the default of param '{param.Name}'"), -1, ["params", param.Name, "default"])
                {
                    Params = false,
                    Nodes = false,
                    Vars = false,
                };
                CheckStrings(value, rules, null);
            }
        }

        for (var i = 0; i < dag.Nodes.Length; i++)
        {
            var node = dag.Nodes[i];
            var owner = $"node '{node.Id}'";
            if (node.Foreach is { } list)
            {
                var rules = new ExpressionRules(new FieldName("foreach", owner), i, ["nodes", node.Id, "foreach"]) { IsForeach = true };
                CheckWhole(list, rules, "${{ nodes.fetch.output.items }}");
            }

            if (node.If is { } condition)
            {
                var rules = new ExpressionRules(new FieldName("if", owner), i, ["nodes", node.Id, "if"]) { Items = node.IsMapped };
                CheckWhole(condition, rules, "${{ params.dryRun == false }}");
            }

            var with = new ExpressionRules(new FieldName("with", owner), i, ["nodes", node.Id, "with"]) { Items = node.IsMapped };
            CheckStrings(node.With, with, operators.Find(node.Type));
        }
    }

    /// <summary><c>if</c> and <c>foreach</c>: exactly one expression, so the value keeps its type.</summary>
    private void CheckWhole(string text, ExpressionRules rules, string example)
    {
        if (Parse(text, rules) is not { } template)
        {
            return;
        }

        if (!template.HasExpressions)
        {
            report.At(rules.Pointer(), $"{rules.Field} must be an expression such as \"{example}\", got the plain string '{text}'");
        }
        else if (!template.IsWholeExpression)
        {
            report.At(rules.Pointer(), $"{rules.Field} must be exactly one ${{{{ }}}} expression with nothing around it, so it is not read as text");
        }
    }

    private void CheckStrings(JsonElement value, ExpressionRules rules, OperatorSpec? spec)
    {
        foreach (var (path, text) in JsonTemplate.Strings(value))
        {
            var segments = TemplatePath.Segments(path);
            var settings = spec?.Path(segments) ?? [];
            var here = rules with
            {
                Field = rules.NodeIndex < 0 ? rules.Field : rules.Field with { Key = $"with.{path}" },
                Inner = segments,
                Secrets = settings.Any(s => s.AllowsSecrets),
                Phases = settings.Count == 0 ? [] : [.. settings.SelectMany(s => s.Roots)],
            };
            Parse(text, here);
        }
    }

    private ExpressionTemplate? Parse(string text, ExpressionRules rules)
    {
        if (!ExpressionTemplate.TryParse(text, out var template, out var error))
        {
            report.InString(rules.Pointer(), error.Offset, $"{rules.Field} has an invalid expression {error.Expression}: {error.Reason}");
            return null;
        }

        foreach (var reference in template.References)
        {
            if (Problem(reference, rules) is { } message)
            {
                report.InString(rules.Pointer(), MemberOffset(text, reference, message), $"{rules.Field} {message}");
            }
        }

        return template;
    }

    private string? Problem(ExpressionReference reference, ExpressionRules rules)
    {
        var (root, member) = (reference.Root, reference.Member);
        return root switch
        {
            "params" when rules.Params => member is null || dag.Params.Any(p => p.Name == member) ? null
                : $"reads params.{member}, which does not exist{Hint(member, dag.Params.Select(p => p.Name), dag.Params.IsEmpty ? "the DAG declares no params" : string.Empty)}",
            "nodes" when rules.Nodes => member is null
                ? "reads 'nodes' as a whole; name the node, as in nodes.fetch.output, so it can be checked to run before"
                : NodeProblem(member, rules.NodeIndex),
            "run" => member is null || ExpressionRules.RunMembers.Contains(member) ? null
                : $"reads run.{member}, which does not exist{Hint(member, ExpressionRules.RunMembers, $"run has {string.Join(", ", ExpressionRules.RunMembers)}")}",
            "vars" when rules.Vars => member is null ? "reads 'vars' as a whole; name one variable, as in vars.demoUrl" : null,
            "vars" => "reads 'vars', which a param default cannot read (defaults are bound when the run is created, by any host); read vars in the node's fields instead",
            "secrets" when !rules.Secrets =>
                $"reads secrets{(member is null ? string.Empty : $".{member}")}, but secrets may be used only in a request's url, headers, query or body, which are never written to logs, outputs or run records",
            "secrets" => member is null ? "reads 'secrets' as a whole; name one secret, as in secrets.API_TOKEN" : null,
            "item" or "index" when !rules.Items => rules.IsForeach
                ? $"reads '{root}', which exists only in the node's other fields: 'foreach' computes the items"
                : $"reads '{root}', which exists only in a node with 'foreach'",
            _ when rules.Roots().Contains(root) => null,
            _ => UnknownRoot(root, rules),
        };
    }

    private string? NodeProblem(string member, int nodeIndex)
    {
        var target = dag.IndexOf(member);
        if (target < 0)
        {
            return $"reads nodes.{member}, which does not exist{report.NodeHint(member, dag)}";
        }

        if (target == nodeIndex)
        {
            return $"reads nodes.{member}, its own node; a node cannot read its own output";
        }

        return _reach.IsUpstream(target, nodeIndex) ? null
            : $"reads nodes.{member}, which is not upstream of node '{dag.Nodes[nodeIndex].Id}'; add '{member}' to its needs (directly or through an upstream), or the read would race";
    }

    private string UnknownRoot(string root, ExpressionRules rules)
    {
        foreach (var spec in operators.Specs.Where(s => s.Roots.Contains(root)))
        {
            var settings = spec.Settings.Where(s => s.Roots.Contains(root)).Select(s => $"'{s.Name}'");
            return $"reads '{root}', which exists only in {Prose.And(settings)} of {spec.Name} nodes";
        }

        if (root is "params" or "nodes")
        {
            return $"reads '{root}', which is not available here; names here are {Prose.And(rules.Roots())}";
        }

        return $"reads unknown name '{root}'{Hint(root, rules.Roots(), $"names here are {Prose.And(rules.Roots())}")}";
    }

    /// <summary>A suggestion when one is close, else <paramref name="otherwise"/> (what there is instead).</summary>
    private static string Hint(string name, IEnumerable<string> candidates, string otherwise)
    {
        var hint = DidYouMean.Hint(name, candidates);
        return hint.Length > 0 || otherwise.Length == 0 ? hint : $"; {otherwise}";
    }

    /// <summary>Points at the member (<c>dat</c> in <c>params.dat</c>) when the message is about it.</summary>
    private static int MemberOffset(string text, ExpressionReference reference, string message)
    {
        var after = reference.Offset + reference.Root.Length;
        return reference.Member is { } member && message.StartsWith("reads " + reference.Root + ".", StringComparison.Ordinal)
            && after < text.Length && text[after] == '.' && text.AsSpan(after + 1).StartsWith(member, StringComparison.Ordinal)
            ? after + 1
            : reference.Offset;
    }
}
