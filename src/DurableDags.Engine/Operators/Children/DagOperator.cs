using System.Text.Json.Nodes;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Children;

/// <summary>
/// <c>dag</c>: runs the DAG <c>dagId</c> as a child run with the evaluated <c>params</c>; the
/// orchestrator starts the child run and, unless <c>wait</c> is false, waits for it.
/// </summary>
public sealed class DagOperator : NodeOperator
{
    public override string Type => "dag";

    protected override Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var dagId = settings.RequireString("dagId");
        var parameters = settings.Evaluate("params") switch
        {
            null => [],
            JsonObject obj => obj,
            var other => throw settings.WrongType("params", "an object of parameter values", other),
        };
        var wait = settings.GetBoolean("wait") ?? true;
        request.Log.WriteLine($"starting a child run of '{dagId}' with {parameters.Count} params{(wait ? " and waiting for it" : "")}");
        return Task.FromResult<OperatorResult>(new OperatorResult.StartChildRun(dagId, parameters, wait));
    }
}
