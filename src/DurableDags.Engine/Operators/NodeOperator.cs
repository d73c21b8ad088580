using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators;

/// <summary>
/// A convenient base for operators: settings are read through <see cref="OperatorSettings"/>
/// (evaluated on read, with errors that name the setting), and an
/// <see cref="OperatorFailureException"/> thrown anywhere in a step ends it as
/// <see cref="OperatorResult.Failed"/> with the reason written to the attempt log.
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
    }

    protected abstract Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken);
}
