using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace DurableDags.Engine.Operators.Registration;

/// <summary>
/// The operators a host can run, by node <c>type</c>. Built from every registered
/// <see cref="INodeOperator"/>; two operators claiming one type is a startup error, because
/// which one ran would otherwise depend on registration order.
/// </summary>
public sealed class OperatorRegistry
{
    private readonly FrozenDictionary<string, INodeOperator> _operators;

    public OperatorRegistry(IEnumerable<INodeOperator> operators)
    {
        ArgumentNullException.ThrowIfNull(operators);
        var byType = new Dictionary<string, INodeOperator>(StringComparer.Ordinal);
        foreach (var op in operators)
        {
            if (byType.TryGetValue(op.Type, out var existing))
            {
                if (existing.GetType() == op.GetType())
                {
                    continue;
                }

                throw new InvalidOperationException(
                    $"operator type '{op.Type}' is registered twice, by {existing.GetType().FullName} and {op.GetType().FullName}");
            }

            byType[op.Type] = op;
        }

        _operators = byType.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every registered type, sorted.</summary>
    public IReadOnlyList<string> Types => [.. _operators.Keys.Order(StringComparer.Ordinal)];

    public bool TryGet(string type, [NotNullWhen(true)] out INodeOperator? op) => _operators.TryGetValue(type, out op);

    /// <exception cref="KeyNotFoundException">No operator has this type; the message lists those that do.</exception>
    public INodeOperator Get(string type) => TryGet(type, out var op)
        ? op
        : throw new KeyNotFoundException($"no operator has type '{type}'; registered: {string.Join(", ", Types)}");
}
