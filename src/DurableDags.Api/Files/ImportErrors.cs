using System.Collections.Immutable;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Api.Files;

/// <summary>
/// The errors of the DAG files that failed to load at the last import of the server's folder:
/// what <c>GET /api/import-errors</c> answers. Each import replaces the whole list, so a file
/// mended is gone from it. A host without a folder (the Functions app) has none.
/// </summary>
public sealed class ImportErrors
{
    private ImmutableArray<ImportError> _errors = [];

    public IReadOnlyList<ImportError> Current => _errors;

    public void Replace(IEnumerable<Diagnostic> diagnostics, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        _errors = [.. diagnostics.Select(d => new ImportError(d.Location.File, d.Location.IsKnown ? d.Location.Line : null, d.Location.IsKnown ? d.Location.Column : null, d.Message, at))];
    }
}

/// <summary>One error of a DAG file that did not load; line and column are null when the error is the whole file's.</summary>
public sealed record ImportError(string File, int? Line, int? Column, string Message, DateTimeOffset At);
