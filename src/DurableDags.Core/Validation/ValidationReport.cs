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
}
