namespace DurableDags.Storage.Registry;

/// <summary>What storing a definition did; the API answers 201 for <see cref="Created"/>, 200 otherwise.</summary>
public enum DagPutOutcome
{
    /// <summary>The content was new: it is stored as the next version and is current.</summary>
    Created,

    /// <summary>The content is the current version's: nothing changed.</summary>
    Unchanged,

    /// <summary>The content is an earlier version's: that version, with its number, is current again.</summary>
    Restored,
}
