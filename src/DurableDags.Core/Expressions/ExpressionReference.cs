namespace DurableDags.Core.Expressions;

/// <summary>
/// One name path an expression reads: <c>nodes.carriers.output.body</c> is
/// <c>("nodes", "carriers", offset)</c>, <c>item</c> is <c>("item", null, offset)</c>.
/// Validation checks these against the names a DAG defines without evaluating anything.
/// </summary>
/// <param name="Root">The top-level name, such as <c>params</c>, <c>nodes</c> or <c>item</c>.</param>
/// <param name="Member">The member read right after the root (<c>.x</c> or <c>['x']</c>), or null when there is none.</param>
/// <param name="Offset">The 0-based character index of <paramref name="Root"/> in the template text.</param>
public sealed record ExpressionReference(string Root, string? Member, int Offset);
