using DurableDags.Core.States;
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
        return new(run.RunId, run.DagId, run.DagVersion, WireNames.Of(run.State), run.LogicalDate, Trigger(run.Trigger), run.CreatedAt, run.StartedAt, run.EndedAt);
    }

    public static RunDetailView Detail(RunRecord run, IReadOnlyList<NodeRunView> nodes)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.RunId, run.DagId, run.DagVersion, WireNames.Of(run.State), run.LogicalDate, Trigger(run.Trigger),
            run.CreatedAt, run.StartedAt, run.EndedAt, run.Params, run.Error, nodes);
    }

    public static string StatusUrl(string dagId, string runId) => $"/api/dags/{dagId}/runs/{runId}";

    private static TriggerView Trigger(RunTrigger trigger) => new(WireNames.Of(trigger.Kind), trigger.RerunOf, trigger.ParentRunId);
}
