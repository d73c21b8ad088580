using System.Text.Json.Nodes;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Children;

/// <summary>
/// <c>dag</c>: runs the DAG <c>dag</c> as a child run with the evaluated <c>params</c> and waits
/// for it; the orchestrator starts and watches the child run.
/// </summary>
public sealed class DagOperator : NodeOperator
{
    public override string Type => "dag";

    protected override Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var dagId = settings.RequireString("dag");
        var parameters = settings.Evaluate("params") switch
        {
            null => [],
            JsonObject obj => obj,
            var other => throw settings.WrongType("params", "an object of parameter values", other),
        };
        request.Log.WriteLine($"starting a child run of '{dagId}' with {parameters.Count} params");
        return Task.FromResult<OperatorResult>(new OperatorResult.StartChildRun(dagId, parameters));
    }
}
