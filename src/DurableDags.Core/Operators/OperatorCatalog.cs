using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace DurableDags.Core.Operators;

/// <summary>
/// The operators a host knows, by the name DAG files use in <c>type</c>. Immutable: a host starts
/// from <see cref="BuiltIn"/> and adds its custom operators with <see cref="With"/>.
/// </summary>
public sealed partial class OperatorCatalog
{
    private readonly FrozenDictionary<string, OperatorSpec> _specs;

    private OperatorCatalog(IEnumerable<OperatorSpec> specs)
    {
        _specs = specs.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        Names = [.. specs.Select(s => s.Name)];
    }

    /// <summary>The operators the spec names: http, http-job, sensor, wait, approval, dag, notify, noop.</summary>
    public static OperatorCatalog BuiltIn { get; } = new(
    [
        HttpOperators.Http, HttpOperators.HttpJob, HttpOperators.Sensor,
        FlowOperators.Wait, FlowOperators.Approval, FlowOperators.Dag, FlowOperators.Notify, FlowOperators.Noop,
    ]);

    /// <summary>Operator names in the order they were added.</summary>
    public ImmutableArray<string> Names { get; }

    public IEnumerable<OperatorSpec> Specs => Names.Select(n => _specs[n]);

    public OperatorSpec? Find(string name) => _specs.GetValueOrDefault(name);

    /// <summary>A catalog with <paramref name="spec"/> added, for a custom operator registered in the host.</summary>
    /// <exception cref="ArgumentException">The name is taken or not of the form <c>[a-z][a-z0-9._-]*</c>.</exception>
    public OperatorCatalog With(OperatorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!NamePattern().IsMatch(spec.Name))
        {
            throw new ArgumentException($"Operator name '{spec.Name}' must be lower-case letters, digits, '.', '_' or '-', starting with a letter.", nameof(spec));
        }

        if (_specs.ContainsKey(spec.Name))
        {
            throw new ArgumentException($"An operator named '{spec.Name}' is already registered.", nameof(spec));
        }

        return new OperatorCatalog([.. Specs, spec]);
    }

    [GeneratedRegex("^[a-z][a-z0-9._-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
