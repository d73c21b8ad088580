using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using DurableDags.Core.Operators;

namespace DurableDags.Engine.Operators.Registration;

/// <summary>
/// The operators a host can run, by node <c>type</c>, and the <see cref="OperatorCatalog"/> the
/// validator checks DAG files with: the built-in specs plus one per custom operator. Two
/// operators claiming one type is a startup error, because which one ran would otherwise
/// depend on registration order.
/// </summary>
public sealed class OperatorRegistry
{
    private readonly FrozenDictionary<string, INodeOperator> _operators;

    public OperatorRegistry(IEnumerable<INodeOperator> operators)
        : this(operators, [])
    {
    }

    /// <param name="operators">Every operator of the host.</param>
    /// <param name="specs">Settings specs of custom operators; one without a spec accepts any settings.</param>
    public OperatorRegistry(IEnumerable<INodeOperator> operators, IEnumerable<OperatorSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(operators);
        ArgumentNullException.ThrowIfNull(specs);
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
        Catalog = BuildCatalog(byType.Keys, specs.ToDictionary(s => s.Name, StringComparer.Ordinal));
    }

    /// <summary>Every registered type, sorted.</summary>
    public IReadOnlyList<string> Types => [.. _operators.Keys.Order(StringComparer.Ordinal)];

    /// <summary>What DAG files are validated against: built-in specs and the custom operators' specs.</summary>
    public OperatorCatalog Catalog { get; }

    public bool TryGet(string type, [NotNullWhen(true)] out INodeOperator? op) => _operators.TryGetValue(type, out op);

    /// <exception cref="KeyNotFoundException">No operator has this type; the message lists those that do.</exception>
    public INodeOperator Get(string type) => TryGet(type, out var op)
        ? op
        : throw new KeyNotFoundException($"no operator has type '{type}'; registered: {string.Join(", ", Types)}");

    private static OperatorCatalog BuildCatalog(IEnumerable<string> types, Dictionary<string, OperatorSpec> specs)
    {
        var unknown = specs.Keys.Where(name => !types.Contains(name, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"settings specs were registered for operators that are not: {string.Join(", ", unknown)}");
        }

        var catalog = OperatorCatalog.BuiltIn;
        foreach (var type in types.Order(StringComparer.Ordinal).Where(t => catalog.Find(t) is null))
        {
            catalog = catalog.With(specs.GetValueOrDefault(type) ?? new OperatorSpec(type)
            {
                Description = "A custom operator that checks its own settings.",
                AllowsOtherSettings = true,
            });
        }

        return catalog;
    }
}
