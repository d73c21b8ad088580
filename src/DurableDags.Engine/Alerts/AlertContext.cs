using System.Text.Json;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Alerts;

/// <summary>What an alert message is built from: the event, its run, and what the activity read for it.</summary>
public sealed record AlertContext(SendAlertInput Event, RunRecord Run)
{
    /// <summary>The failure's reason: the event's, or for a run the first failed node's error.</summary>
    public string? Reason { get; init; }

    /// <summary>The attempt the reason and log are from, 0 when none.</summary>
    public int Attempt { get; init; }

    /// <summary>The last lines of that attempt's log.</summary>
    public string? LogTail { get; init; }

    /// <summary>For a recovery: the failed run before this one.</summary>
    public string? PreviousRunId { get; init; }

    public JsonElement Params => Run.Params;
}
