namespace DurableDags.Storage.Objects;

/// <summary>The outcome of a write: the new ETag, or a conflict (nothing was written).</summary>
public readonly record struct WriteResult
{
    private WriteResult(string? etag) => ETag = etag;

    /// <summary>The key's ETag after the write; null on a conflict.</summary>
    public string? ETag { get; }

    public bool Succeeded => ETag is not null;

    public static WriteResult Conflict => default;

    public static WriteResult Written(string etag) => new(etag ?? throw new ArgumentNullException(nameof(etag)));

    public override string ToString() => Succeeded ? $"written {ETag}" : "conflict";
}
