namespace DurableDags.Core.Diagnostics;

/// <summary>One error a user can act on, pinned to the place that caused it.</summary>
public sealed record Diagnostic(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
