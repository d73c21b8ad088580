using System.Collections.Immutable;

namespace DurableDags.Core.Diagnostics;

/// <summary>
/// Collects every error of one pass; callers never stop at the first one, because users fix a
/// file faster when they see all that is wrong with it at once.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public int Count => _items.Count;

    public bool HasErrors => _items.Count > 0;

    public void Add(SourceLocation location, string message) => _items.Add(new Diagnostic(location, message));

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Errors in file order, so output reads top to bottom like the file.</summary>
    public ImmutableArray<Diagnostic> ToImmutable() =>
        [.. _items
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.Location.File, StringComparer.Ordinal)
            .ThenBy(x => x.d.Location.Line)
            .ThenBy(x => x.d.Location.Column)
            .ThenBy(x => x.i)
            .Select(x => x.d)];
}
