namespace DurableDags.Core.Expressions;

/// <summary>What evaluating one expression needs besides its syntax tree.</summary>
internal readonly record struct EvaluationContext(IExpressionScope Scope, ExpressionSource Source)
{
    public ExpressionException Error(int offset, string reason) => Source.Error(offset, reason);
}
