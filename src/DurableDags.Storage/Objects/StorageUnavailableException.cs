namespace DurableDags.Storage.Objects;

/// <summary>
/// The store could not be reached (refused, timed out, or answered a server error after the
/// client's own retries). Nothing is known about the object: a write may or may not have landed,
/// so a caller either repeats the call (every write of the layout is safe to repeat: conditional
/// writes turn a repeat into a conflict the caller already handles) or reports the store down.
/// It never says anything about the thing being stored, so it is never a node's failure.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
