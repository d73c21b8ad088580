using DurableDags.Core.Loading;
using DurableDags.Core.Operators;
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
        var loaded = await context.CallActivityAsync<LoadedDag>(DagActivityNames.LoadDagVersion, new LoadDagInput(input.DagId, input.DagHash));

        // Validated with the host's full catalog when stored; here only the definition is needed,
        // so custom operator types unknown to the built-in catalog do not matter.
        var dag = DagLoader.Load(loaded.SourceFile, loaded.Source, OperatorCatalog.BuiltIn).Dag;
        RunPlanner planner;
        try
        {
            var graph = DagGraph.Build(dag ?? throw new ArgumentException($"DAG version {input.DagHash} of '{input.DagId}' no longer loads"));
            planner = input.Snapshot is null ? new RunPlanner(graph) : RunPlanner.Restore(graph, input.Snapshot);
        }
        catch (ArgumentException ex)
        {
            var error = $"The run could not start: {ex.Message}.";
            await context.CallActivityAsync<bool>(DagActivityNames.FinalizeRun,
                new FinalizeRunInput(input.DagId, input.RunId, RunState.Failed, context.CurrentUtcDateTime, error));
            return new DagRunResult(input.RunId, RunState.Failed, error);
        }

        return await new DagRunLoop(context, input, planner).RunAsync();
    }
}
