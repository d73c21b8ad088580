namespace DurableDags.Storage.Runs;

/// <summary>
/// The first request with an idempotency key, stored whole: whoever finds the claim can create
/// exactly the run the first request asked for, even if that request died before creating it.
/// </summary>
internal sealed record IdempotencyClaim
{
    public required string Key { get; init; }

    public required RunRecord Run { get; init; }
}
