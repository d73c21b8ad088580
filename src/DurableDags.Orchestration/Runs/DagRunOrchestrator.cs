using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Orchestration.Context;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// The DAG-run orchestrator, written once for both hosts. It loads the run's DAG version through
/// an activity, then drives the <see cref="RunPlanner"/> with durable calls only; see
/// docs/execution.md for what it does on each kind of operator result.
/// </summary>
public static class DagRunOrchestrator
{
    public static async Task<DagRunResult> RunAsync(IDagOrchestrationContext context, DagRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var loaded = await context.CallActivityAsync<LoadedDag>(DagActivityNames.LoadDagVersion,
            new LoadDagInput(input.DagId, input.DagHash) { RunId = input.RunId });
        if (loaded.Ended is { } ended)
        {
            return ended;
        }

        RunPlanner planner;
        try
        {
            var graph = DagGraphCache.Get(input.DagHash, loaded.SourceFile, loaded.Source);
            planner = input.Snapshot is null ? new RunPlanner(graph) : RunPlanner.Restore(graph, input.Snapshot);
        }
        catch (ArgumentException ex)
        {
            var error = $"The run could not start: {ex.Message}.";
            await context.CallActivityAsync<bool>(DagActivityNames.FinalizeRun,
                new FinalizeRunInput(input.DagId, input.RunId, RunState.Failed, context.CurrentUtcDateTime, error));
            return new DagRunResult(input.RunId, RunState.Failed, error);
        }

        return await new DagRunLoop(context, input, planner) { Anchors = (loaded.StartedAt, loaded.LogicalDate) }.RunAsync();
    }
}
