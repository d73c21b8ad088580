namespace DurableDags.Storage.Checkpoints;

/// <summary>A record as read, with the ETag a conditional write must quote to replace it.</summary>
public sealed record Versioned<T>(T Value, string ETag);
