using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// The names an expression can read. The evaluator knows no names of its own: which roots exist
/// (params, nodes, run, item, secrets, an operator's phases) is decided by whoever builds the scope.
/// </summary>
public interface IExpressionScope
{
    /// <summary>Reads a whole top-level name; false when the scope does not define it.</summary>
    bool TryGetRoot(string name, out JsonNode? value);

    /// <summary>
    /// Reads <c>root.member</c> without building the whole root, so that a run with 10,000 nodes
    /// does not assemble a <c>nodes</c> object for every evaluation. Returns false when the scope
    /// cannot answer directly; the evaluator then reads the member from <see cref="TryGetRoot"/>.
    /// A defined member that has no value is returned as true with a null value.
    /// </summary>
    bool TryGetMember(string root, string member, out JsonNode? value);
}
