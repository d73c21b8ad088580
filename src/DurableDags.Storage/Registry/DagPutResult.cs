namespace DurableDags.Storage.Registry;

/// <summary>The registry entry after a put, and what the put did.</summary>
public sealed record DagPutResult(DagEntry Entry, DagPutOutcome Outcome)
{
    public DagVersion Version => Entry.Current;
}
