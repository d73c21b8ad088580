using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading.Tree;
using DurableDags.Core.Operators;
using DurableDags.Core.Validation;

namespace DurableDags.Core.Loading;

/// <summary>
/// Loads a DAG file (YAML, or JSON, which YAML reads too) into a <see cref="Definitions.DagDefinition"/>
/// and validates it, reporting every error of the file in one pass with its line and column.
/// Pure: the caller reads the file and passes its name (used in messages) and text.
/// </summary>
public static class DagLoader
{
    public static DagLoadResult Load(string fileName, string text, OperatorCatalog operators)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(operators);
        var diagnostics = new DiagnosticBag();
        var root = SourceTreeReader.Read(fileName, text, diagnostics);
        switch (root)
        {
            case null:
                return new DagLoadResult(null, diagnostics.ToImmutable());
            case SourceScalar { Kind: ScalarKind.Null }:
                diagnostics.Add(root.Location, "the file is empty; a DAG needs at least 'id' and 'nodes'");
                return new DagLoadResult(null, diagnostics.ToImmutable());
            case not SourceMapping:
                diagnostics.Add(root.Location, $"a DAG file must be a mapping of keys such as 'id' and 'nodes', got {root.Describe()}");
                return new DagLoadResult(null, diagnostics.ToImmutable());
        }

        var dag = DagReader.Read(fileName, (SourceMapping)root, new FieldReader(diagnostics));
        diagnostics.AddRange(DagValidator.Validate(dag, operators, SourceMap.Of(fileName, text, root)));
        return new DagLoadResult(dag, diagnostics.ToImmutable());
    }
}
