using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// A dictionary-backed scope. Roots are either values (<see cref="Set"/>) or resolved member by
/// member on demand (<see cref="SetLazy"/>), for roots such as <c>nodes</c> whose whole value is
/// large and rarely needed.
/// </summary>
/// <example>
/// <code>
/// var scope = new ExpressionScope()
///     .Set("params", parameters)
///     .Set("item", item)
///     .SetLazy("nodes", id => OutputsOf(id), () => AllOutputs());
/// </code>
/// </example>
public sealed class ExpressionScope : IExpressionScope
{
    private readonly Dictionary<string, Root> _roots = new(StringComparer.Ordinal);

    /// <summary>Defines <paramref name="name"/> as a value; a later call with the same name replaces it.</summary>
    public ExpressionScope Set(string name, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _roots[name] = new Root(value, Member: null, Whole: null);
        return this;
    }

    /// <summary>
    /// Defines <paramref name="name"/> by a resolver called for each <c>name.member</c> read
    /// (return null for a member that has no value), and a factory called only when an expression
    /// reads the root as a whole.
    /// </summary>
    public ExpressionScope SetLazy(string name, Func<string, JsonNode?> member, Func<JsonNode?> whole)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(whole);
        _roots[name] = new Root(Value: null, member, whole);
        return this;
    }

    /// <summary>True when <paramref name="name"/> is defined, whatever its value.</summary>
    public bool Contains(string name) => _roots.ContainsKey(name);

    public bool TryGetRoot(string name, out JsonNode? value)
    {
        if (!_roots.TryGetValue(name, out var root))
        {
            value = null;
            return false;
        }

        value = root.Whole is null ? root.Value : root.Whole();
        return true;
    }

    public bool TryGetMember(string root, string member, out JsonNode? value)
    {
        value = null;
        if (!_roots.TryGetValue(root, out var entry))
        {
            return false;
        }

        if (entry.Member is not null)
        {
            value = entry.Member(member);
        }
        else if (entry.Value is JsonObject obj)
        {
            obj.TryGetPropertyValue(member, out value);
        }

        return true;
    }

    private sealed record Root(JsonNode? Value, Func<string, JsonNode?>? Member, Func<JsonNode?>? Whole);
}
