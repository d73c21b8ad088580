using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;

namespace DurableDags.Engine.Operators;

/// <summary>
/// The node's scope with an operator's phase names laid over it (<c>submit</c> and <c>poll</c>
/// for <c>http-job</c>, <c>response</c> for <c>sensor</c>). A phase name hides a root of the
/// same name below it.
/// </summary>
public sealed class PhaseScope(IExpressionScope inner, IReadOnlyDictionary<string, JsonNode?> phases) : IExpressionScope
{
    public PhaseScope(IExpressionScope inner, string name, JsonNode? value)
        : this(inner, new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { [name] = value })
    {
    }

    public bool TryGetRoot(string name, out JsonNode? value) =>
        phases.TryGetValue(name, out value) || inner.TryGetRoot(name, out value);

    public bool TryGetMember(string root, string member, out JsonNode? value)
    {
        if (phases.TryGetValue(root, out var phase))
        {
            value = null;
            if (phase is JsonObject obj)
            {
                obj.TryGetPropertyValue(member, out value);
            }

            return true;
        }

        return inner.TryGetMember(root, member, out value);
    }
}
