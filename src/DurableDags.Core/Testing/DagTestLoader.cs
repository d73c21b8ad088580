using System.Collections.Immutable;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Testing;

/// <summary>What loading a test file gave: the file when it is usable, and every error in file order.</summary>
public sealed record DagTestLoadResult(DagTestFile? File, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool IsValid => File is not null && Diagnostics.IsEmpty;
}

/// <summary>
/// Loads a DAG test file with the DAG loader's source-tree reader, so every error names its
/// file, line and column, and every error of the file is reported in one pass. Pure: the caller
/// reads the file. Whether the nodes it names exist is checked against the DAG by <see cref="DagTestChecks"/>.
/// </summary>
public static class DagTestLoader
{
    public static DagTestLoadResult Load(string fileName, string text)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new DiagnosticBag();
        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Add(new SourceLocation(fileName, 1, 1), "the test file is empty; it needs at least 'tests'");
            return new DagTestLoadResult(null, diagnostics.ToImmutable());
        }

        var root = SourceTreeReader.Read(fileName, text, diagnostics);
        if (root is not SourceMapping mapping)
        {
            if (root is not null)
            {
                diagnostics.Add(root.Location, $"a test file must be a mapping with 'tests', got {root.Describe()}");
            }

            return new DagTestLoadResult(null, diagnostics.ToImmutable());
        }

        var file = DagTestReader.Read(fileName, mapping, new FieldReader(diagnostics));
        return new DagTestLoadResult(file, diagnostics.ToImmutable());
    }
}
