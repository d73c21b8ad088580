using System.Text.Json.Serialization;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Api.Problems;

/// <summary>
/// One entry of a problem's <c>errors</c> list: a place in a file (<c>line</c>, <c>column</c>) or a
/// field of a request (<c>path</c>, such as <c>params.minCost</c>), and what is wrong there.
/// </summary>
public sealed record ProblemError
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Line { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Column { get; init; }

    public required string Message { get; init; }

    public static ProblemError At(string path, string message) => new() { Path = path, Message = message };

    /// <summary>A diagnostic of a DAG file; a diagnostic without a known line keeps only its message.</summary>
    public static ProblemError From(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return diagnostic.Location.IsKnown
            ? new() { Line = diagnostic.Location.Line, Column = diagnostic.Location.Column, Message = diagnostic.Message }
            : new() { Message = diagnostic.Message };
    }

    public override string ToString() =>
        Path is not null ? $"{Path}: {Message}" : Line is not null ? $"{Line}:{Column}: {Message}" : Message;
}
