using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Tests.Operators.Registration;

/// <summary>The custom operator of docs/custom-operators.md, kept here so the example is known to work.</summary>
public sealed class GreetOperator : NodeOperator
{
    public override string Type => "greet";

    protected override Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var name = settings.RequireString("name");
        request.Log.WriteLine($"greeting {name}");
        return Task.FromResult<OperatorResult>(new OperatorResult.Succeeded(new JsonObject { ["greeting"] = $"Hello, {name}!" }));
    }
}
