using DurableDags.Engine.Activities;
using DurableDags.Engine.Alerts;
using DurableDags.Engine.Embedded.Runtime;
using DurableDags.Orchestration.Contracts;
using DurableDags.Orchestration.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Hosting;

/// <summary>The DAG-run orchestrator and its activities under the names both hosts use.</summary>
public static class DagRunCatalog
{
    public static OrchestrationCatalog Create(IServiceProvider services)
    {
        var load = services.GetRequiredService<LoadDagVersionActivity>();
        var resolve = services.GetRequiredService<ResolveNodeActivity>();
        var step = services.GetRequiredService<RunNodeStepActivity>();
        var record = services.GetRequiredService<RecordNodeStatesActivity>();
        var finalize = services.GetRequiredService<FinalizeRunActivity>();
        var cancelChildren = services.GetRequiredService<CancelChildRunsActivity>();
        var alert = services.GetRequiredService<SendAlertActivity>();
        return new OrchestrationCatalog()
            .AddOrchestrator<DagRunInput, DagRunResult>(DagActivityNames.DagRunOrchestrator, DagRunOrchestrator.RunAsync)
            .AddActivity<LoadDagInput, LoadedDag>(DagActivityNames.LoadDagVersion, load.RunAsync)
            .AddActivity<ResolveNodeInput, ResolveNodeResult>(DagActivityNames.ResolveNode, resolve.RunAsync)
            .AddActivity<NodeStepInput, NodeStepResult>(DagActivityNames.RunNodeStep, step.RunAsync)
            .AddActivity<RecordNodeStatesInput, int>(DagActivityNames.RecordNodeStates, record.RunAsync)
            .AddActivity<FinalizeRunInput, bool>(DagActivityNames.FinalizeRun, finalize.RunAsync)
            .AddActivity<CancelChildRunsInput, int>(DagActivityNames.CancelChildRuns, cancelChildren.RunAsync)
            .AddActivity<SendAlertInput, SendAlertResult>(DagActivityNames.SendAlert, alert.RunAsync);
    }
}
