namespace DurableDags.Engine.Operators;

/// <summary>
/// Runs one step of one node attempt. A step is short and bounded: anything that waits (a job
/// poll, a sensor, an approval, a child run, a wait) returns a result asking the orchestrator to
/// wait durably and call the operator again, so no compute is held while waiting.
/// Register custom operators with <c>services.AddNodeOperator&lt;T&gt;()</c>.
/// </summary>
public interface INodeOperator
{
    /// <summary>The <c>type</c> a DAG node names to use this operator.</summary>
    string Type { get; }

    Task<OperatorResult> ExecuteAsync(OperatorRequest request, CancellationToken cancellationToken);
}
