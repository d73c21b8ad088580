using DurableDags.Core.States;
using DurableDags.Storage.Alerts;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Views;

/// <summary>Turns stored run records into the API's views; states get their snake_case wire names.</summary>
public static class RunViewMapper
{
    public static RunRefView Ref(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.RunId, WireNames.Of(run.State), run.LogicalDate, run.EndedAt);
    }

    public static RunSummaryView Summary(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new()
        {
            RunId = run.RunId,
            DagId = run.DagId,
            DagVersion = run.DagVersion,
            State = WireNames.Of(run.State),
            LogicalDate = run.LogicalDate,
            Trigger = Trigger(run.Trigger),
            CreatedAt = run.CreatedAt,
            StartedAt = run.StartedAt,
            EndedAt = run.EndedAt,
        };
    }

    public static RunDetailView Detail(RunRecord run, IReadOnlyList<NodeRunView> nodes, IReadOnlyList<AlertRecord>? alerts = null) =>
        new(Summary(run)) { Params = run.Params, Error = run.Error, Nodes = nodes, Alerts = [.. (alerts ?? []).Select(Alert)] };

    private static AlertView Alert(AlertRecord a) =>
        new(a.Kind, a.NodeId, a.MapIndex, a.Attempt, a.Target, WireNames.Of(a.State), a.Tries, a.Status, a.Error, a.At);

    public static string StatusUrl(string dagId, string runId) => $"/api/dags/{dagId}/runs/{runId}";

    private static TriggerView Trigger(RunTrigger trigger) => new(WireNames.Of(trigger.Kind), trigger.RerunOf, trigger.ParentRunId) { BackfillId = trigger.BackfillId };
}
