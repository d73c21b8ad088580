using System.Text.Json;
using DurableDags.Core.Definitions;

namespace DurableDags.Core.Operators;

/// <summary>
/// What an operator's own validation hook sees: the node and its settings, and where to report.
/// Runs after the generic checks of <see cref="OperatorSpec.Settings"/> found no error.
/// </summary>
public sealed class OperatorValidationContext(NodeDefinition node, Action<string, string> report)
{
    public NodeDefinition Node { get; } = node;

    public JsonElement With => Node.With;

    /// <summary>
    /// Reports an error about the setting at <paramref name="pointer"/>, a JSON Pointer inside
    /// <c>with</c> (<c>/blob/name</c>; empty for <c>with</c> itself). The message should name the
    /// setting and say what to write instead.
    /// </summary>
    public void Error(string pointer, string message) => report(pointer, message);
}
