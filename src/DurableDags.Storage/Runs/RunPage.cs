namespace DurableDags.Storage.Runs;

/// <summary>Runs newest first, and a cursor to the next page (null on the last page).</summary>
public sealed record RunPage(IReadOnlyList<RunRecord> Runs, string? NextCursor);
