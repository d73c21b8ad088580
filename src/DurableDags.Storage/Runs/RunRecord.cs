using System.Text.Json;
using DurableDags.Core.States;

namespace DurableDags.Storage.Runs;

/// <summary>
/// One run of a DAG, pinned to the version it started with. It changes only when the run as a
/// whole changes (queued, running, final): node events go to their own records.
/// </summary>
public sealed record RunRecord
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public required string RunId { get; init; }

    public required string DagId { get; init; }

    public required int DagVersion { get; init; }

    /// <summary>The content hash of that version, which loads its source even after the DAG changed.</summary>
    public required string DagHash { get; init; }

    public RunState State { get; init; } = RunState.Queued;

    /// <summary>The validated parameters, defaults applied.</summary>
    public JsonElement Params { get; init; } = EmptyObject;

    public DateTimeOffset? LogicalDate { get; init; }

    public required RunTrigger Trigger { get; init; }

    /// <summary>Also the run's place in listings, which are newest first by this time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public string? Error { get; init; }
}
