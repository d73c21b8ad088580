namespace DurableDags.Engine.Operators;

/// <summary>
/// Ends a step as <see cref="OperatorResult.Failed"/>. Built-in operators throw it from deep
/// inside (a bad setting, a refused request) and turn it into a result in one place.
/// </summary>
public sealed class OperatorFailureException : Exception
{
    public OperatorFailureException(string message, bool retryable)
        : base(message)
    {
        Retryable = retryable;
    }

    public OperatorFailureException(string message, bool retryable, Exception innerException)
        : base(message, innerException)
    {
        Retryable = retryable;
    }

    public OperatorFailureException()
        : this("The operator failed.", retryable: true)
    {
    }

    public OperatorFailureException(string message)
        : this(message, retryable: true)
    {
    }

    public OperatorFailureException(string message, Exception innerException)
        : this(message, retryable: true, innerException)
    {
    }

    /// <summary>False when trying again cannot help (a bad setting, a 4xx), so retries are skipped.</summary>
    public bool Retryable { get; }

    /// <summary>A failure no retry can fix, such as a setting of the wrong type.</summary>
    public static OperatorFailureException Permanent(string message) => new(message, retryable: false);

    public OperatorResult.Failed ToResult() => new(Message, Retryable);
}
