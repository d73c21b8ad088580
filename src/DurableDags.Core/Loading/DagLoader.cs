using System.Collections.Immutable;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading.Tree;
using DurableDags.Core.Operators;
using DurableDags.Core.Validation;

namespace DurableDags.Core.Loading;

/// <summary>
/// Loads a DAG file (YAML, or JSON, which YAML reads too) into a <see cref="Definitions.DagDefinition"/>
/// and validates it, reporting every error of the file in one pass with its line and column.
/// Pure: the caller reads the file and passes its name (used in messages) and text.
/// What a file may cost is bounded by <see cref="DagLimits"/>.
/// </summary>
public static class DagLoader
{
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the client went away).</exception>
    public static DagLoadResult Load(string fileName, string text, OperatorCatalog operators, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(operators);
        var diagnostics = new DiagnosticBag();
        var root = SourceTreeReader.Read(fileName, text, diagnostics, cancellationToken);
        switch (root)
        {
            case null:
                return Result(null, diagnostics);
            case SourceScalar { Kind: ScalarKind.Null }:
                diagnostics.Add(root.Location, "the file is empty; a DAG needs at least 'id' and 'nodes'");
                return Result(null, diagnostics);
            case not SourceMapping:
                diagnostics.Add(root.Location, $"a DAG file must be a mapping of keys such as 'id' and 'nodes', got {root.Describe()}");
                return Result(null, diagnostics);
        }

        var dag = DagReader.Read(fileName, (SourceMapping)root, new FieldReader(diagnostics));
        cancellationToken.ThrowIfCancellationRequested();
        diagnostics.AddRange(DagValidator.Validate(dag, operators, SourceMap.Of(fileName, text, root)));
        return Result(dag, diagnostics);
    }

    /// <summary>The first <see cref="DagLimits.MaxErrors"/> errors in file order, then one line counting the rest.</summary>
    private static DagLoadResult Result(DagDefinition? dag, DiagnosticBag diagnostics)
    {
        var all = diagnostics.ToImmutable();
        if (all.Length <= DagLimits.MaxErrors)
        {
            return new DagLoadResult(dag, all);
        }

        var more = all.Length - DagLimits.MaxErrors;
        var listed = all.Take(DagLimits.MaxErrors).Append(
            new Diagnostic(SourceLocation.None(all[0].Location.File), $"and {more} more error{(more == 1 ? "" : "s")} (only the first {DagLimits.MaxErrors} are listed)"));
        return new DagLoadResult(dag, [.. listed]) { Unlisted = more };
    }
}
