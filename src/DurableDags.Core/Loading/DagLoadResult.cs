using System.Collections.Immutable;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Loading;

/// <summary>
/// What loading one file gave: the DAG as far as it could be read, and every error, in file order.
/// <see cref="Dag"/> is null only when the file is not usable at all (YAML syntax error, empty
/// file, a root that is not a mapping); a DAG with diagnostics must not be run.
/// </summary>
public sealed record DagLoadResult(DagDefinition? Dag, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool IsValid => Dag is not null && Diagnostics.IsEmpty;
}
