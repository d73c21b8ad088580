using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators;

/// <summary><c>noop</c>: succeeds at once with a null output; a join point or a placeholder.</summary>
public sealed class NoopOperator : NodeOperator
{
    public override string Type => "noop";

    protected override Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult<OperatorResult>(new OperatorResult.Succeeded(null));
}
