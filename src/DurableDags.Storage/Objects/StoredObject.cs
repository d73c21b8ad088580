namespace DurableDags.Storage.Objects;

/// <summary>The content of one key and the ETag that a conditional write must quote to replace it.</summary>
public sealed record StoredObject(ReadOnlyMemory<byte> Content, string ETag);
