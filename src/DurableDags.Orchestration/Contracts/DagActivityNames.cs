namespace DurableDags.Orchestration.Contracts;

/// <summary>Names both hosts register the DAG-run orchestrator, its activities and its events under.</summary>
public static class DagActivityNames
{
    public const string DagRunOrchestrator = "DagRun";

    /// <summary>Input <see cref="LoadDagInput"/>, result <see cref="LoadedDag"/>.</summary>
    public const string LoadDagVersion = "dd-load-dag-version";

    /// <summary>Input <see cref="ResolveNodeInput"/>, result <see cref="ResolveNodeResult"/>.</summary>
    public const string ResolveNode = "dd-resolve-node";

    /// <summary>Input <see cref="NodeStepInput"/>, result <see cref="NodeStepResult"/>.</summary>
    public const string RunNodeStep = "dd-run-node-step";

    /// <summary>Input <see cref="RecordNodeStatesInput"/>, result the number of records written.</summary>
    public const string RecordNodeStates = "dd-record-node-states";

    /// <summary>Input <see cref="CancelChildRunsInput"/>, result the number of child runs asked to cancel.</summary>
    public const string CancelChildRuns = "dd-cancel-child-runs";

    /// <summary>Input <see cref="FinalizeRunInput"/>, result true.</summary>
    public const string FinalizeRun = "dd-finalize-run";

    /// <summary>Input <see cref="SendAlertInput"/>, result <see cref="SendAlertResult"/>. See docs/alerts.md.</summary>
    public const string SendAlert = "dd-send-alert";

    /// <summary>The external event that cancels a run; its payload is ignored.</summary>
    public const string CancelEvent = "dd.cancel";

    /// <summary>
    /// The external event that marks a waiting node of a running run by hand; its payload is a
    /// <see cref="NodeMarkEvent"/>. A node no longer waiting when it arrives is left as it is.
    /// </summary>
    public const string MarkEvent = "dd.mark";

    /// <summary>How <see cref="MarkEvent"/>'s payload is written and read.</summary>
    public static System.Text.Json.JsonSerializerOptions MarkEventJson => System.Text.Json.JsonSerializerOptions.Web;

    /// <summary>Event names with this prefix (in any case) are the engine's own: callers may not raise them.</summary>
    public const string ReservedEventPrefix = DurableDags.Core.Operators.ReservedEvents.Prefix;

    /// <summary>True for an event name only the engine raises, such as <see cref="CancelEvent"/>.</summary>
    public static bool IsReservedEvent(string eventName) =>
        DurableDags.Core.Operators.ReservedEvents.IsReserved(eventName);

    /// <summary>The orchestration instance id of a run: one per run, stable across restarts.</summary>
    public static string InstanceIdOf(string dagId, string runId) => $"{dagId}.{runId}";
}
