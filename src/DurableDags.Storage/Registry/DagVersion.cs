namespace DurableDags.Storage.Registry;

/// <summary>One stored version of a DAG's definition; immutable once written.</summary>
public sealed record DagVersion
{
    public required string DagId { get; init; }

    /// <summary>1, 2, 3… in the order versions were stored; never reused.</summary>
    public required int Version { get; init; }

    /// <summary>SHA-256 of the stored source (UTF-8, secrets redacted), lowercase hex: the version's identity.</summary>
    public required string Hash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The file name the definition was uploaded or loaded from, for messages.</summary>
    public required string SourceFile { get; init; }
}
