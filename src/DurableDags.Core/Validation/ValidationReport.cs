using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;

namespace DurableDags.Core.Validation;

/// <summary>Collects validation errors, placing each by the JSON Pointer of the value it is about.</summary>
internal sealed class ValidationReport(SourceMap map)
{
    public DiagnosticBag Diagnostics { get; } = new();

    public SourceMap Map { get; } = map;

    public static string NodePointer(string id, params IEnumerable<string> rest) => SourceMap.Pointer(["nodes", id, .. rest]);

    public void At(string pointer, string message) => Diagnostics.Add(Map.Locate(pointer), message);

    public void AtKey(string pointer, string message) => Diagnostics.Add(Map.LocateKey(pointer), message);

    public void AtItem(string pointer, string value, int occurrence, string message) =>
        Diagnostics.Add(Map.LocateItem(pointer, value, occurrence), message);

    public void InString(string pointer, int offset, string message) =>
        Diagnostics.Add(Map.LocateInString(pointer, offset), message);

    /// <summary>
    /// A "did you mean" hint among the DAG's node ids, until the file has more errors than are
    /// listed (<see cref="DagLimits.MaxErrors"/>): each hint compares with every node, so
    /// thousands of them (a node needing 60,000 missing nodes) would take minutes.
    /// </summary>
    public string NodeHint(string name, DagDefinition dag) =>
        Diagnostics.Count >= DagLimits.MaxErrors ? string.Empty : DidYouMean.Hint(name, dag.Nodes.Select(n => n.Id));
}
