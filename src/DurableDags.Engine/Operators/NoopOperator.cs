using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators;

/// <summary>
/// <c>noop</c>: succeeds at once with a null output; a join point or a placeholder. The
/// orchestrator ends noop nodes itself without a step; this operator registers the type (its
/// settings spec) and answers a step that a history from before that still schedules.
/// </summary>
public sealed class NoopOperator : NodeOperator
{
    public override string Type => "noop";

    protected override Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult<OperatorResult>(new OperatorResult.Succeeded(null));
}
