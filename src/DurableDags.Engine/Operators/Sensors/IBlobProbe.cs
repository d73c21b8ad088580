namespace DurableDags.Engine.Operators.Sensors;

/// <summary>
/// What a blob <c>sensor</c> asks of blob storage. A missing container answers false rather than
/// failing, because a sensor often waits for a container that another system creates.
/// Failures throw <see cref="OperatorFailureException"/>, retryable when a later poke may succeed.
/// </summary>
public interface IBlobProbe
{
    Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>True when at least one blob's name starts with <paramref name="prefix"/>.</summary>
    Task<bool> AnyAsync(string container, string prefix, CancellationToken cancellationToken);
}
