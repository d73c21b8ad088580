using DurableDags.Core.Expressions;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators;

/// <summary>
/// A convenient base for operators: settings are read through <see cref="OperatorSettings"/>
/// (evaluated on read, with errors that name the setting), and an
/// <see cref="OperatorFailureException"/> or <see cref="ExpressionException"/> thrown anywhere in a
/// step ends it as <see cref="OperatorResult.Failed"/> with the reason written to the attempt log.
/// </summary>
public abstract class NodeOperator : INodeOperator
{
    public abstract string Type { get; }

    public async Task<OperatorResult> ExecuteAsync(OperatorRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var settings = new OperatorSettings(request.Settings, request.Scope);
            return await ExecuteAsync(request, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (OperatorFailureException e)
        {
            request.Log.WriteLine($"{(e.Retryable ? "failed" : "failed, not retryable")}: {e.Message}");
            return e.ToResult();
        }
        catch (ExpressionException e)
        {
            // An expression an operator evaluated by itself: as deterministic as a bad setting.
            request.Log.WriteLine($"failed, not retryable: {e.Message}");
            return new OperatorResult.Failed(e.Message, Retryable: false);
        }
    }

    protected abstract Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken);
}
