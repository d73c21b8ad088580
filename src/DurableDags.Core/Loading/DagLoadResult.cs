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
    /// <summary>
    /// Errors found but not listed, past the first <see cref="DagLimits.MaxErrors"/>; the last of
    /// <see cref="Diagnostics"/> then counts them, so it is not an error itself.
    /// </summary>
    public int Unlisted { get; init; }

    /// <summary>Every error found, listed or not.</summary>
    public int ErrorCount => Unlisted > 0 ? Diagnostics.Length - 1 + Unlisted : Diagnostics.Length;

    public bool IsValid => Dag is not null && Diagnostics.IsEmpty;
}
