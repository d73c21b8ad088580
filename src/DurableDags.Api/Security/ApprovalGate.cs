using System.Text.Json;
using DurableDags.Api.Problems;
using DurableDags.Core.Definitions;
using DurableDags.Engine.Operators.Waits;

namespace DurableDags.Api.Security;

/// <summary>
/// Who may raise an event that approval nodes wait for: an event that only approval nodes with
/// <c>approvers</c> listen to may come only from one of them. Lists written as an expression are
/// known only at run time, so the node itself checks those (and every other) sender again
/// (<see cref="ApprovalOperator"/>).
/// </summary>
public static class ApprovalGate
{
    /// <exception cref="ApiProblemException">403 naming the approvers when the caller is none of them.</exception>
    public static void Check(DagDefinition dag, string eventName, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(dag);
        ArgumentNullException.ThrowIfNull(caller);
        var restricted = new List<(string Node, List<string> Approvers)>();
        foreach (var node in dag.Nodes.Where(n => n.Type == "approval" && EventOf(n) == eventName))
        {
            if (LiteralApprovers(node) is not { Count: > 0 } approvers)
            {
                return; // a node anyone (or an expression) may approve listens too
            }

            restricted.Add((node.Id, approvers));
        }

        var sender = new EventSender(caller.Name, caller.Identities, caller.Verified);
        if (restricted.Count == 0 || restricted.Any(r => sender.MayDecide(r.Approvers)))
        {
            return;
        }

        var names = restricted.SelectMany(r => r.Approvers).Distinct(StringComparer.OrdinalIgnoreCase);
        var nodes = string.Join(", ", restricted.Select(r => $"'{r.Node}'"));
        throw new ApiProblemException(new ApiProblem(
            403, "not-an-approver", $"Only the approvers may send the event '{eventName}'",
            $"Node {nodes} may be decided only by {string.Join(", ", names)}; you are '{caller.Name}'."));
    }

    private static string? EventOf(NodeDefinition node) =>
        node.With is { ValueKind: JsonValueKind.Object } with && with.TryGetProperty("event", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    /// <summary>The approvers as written; null when absent or written as an expression.</summary>
    private static List<string>? LiteralApprovers(NodeDefinition node)
    {
        if (node.With.ValueKind != JsonValueKind.Object || !node.With.TryGetProperty("approvers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { } name || name.Contains("${{", StringComparison.Ordinal))
            {
                return null;
            }

            names.Add(name);
        }

        return names;
    }
}
