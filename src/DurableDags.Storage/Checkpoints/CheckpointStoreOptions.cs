using DurableDags.Core.Secrets;

namespace DurableDags.Storage.Checkpoints;

public sealed record CheckpointStoreOptions
{
    /// <summary>Outputs up to this many serialized bytes sit in the node record; larger ones get an object of their own.</summary>
    public const int DefaultInlineOutputLimit = 64 * 1024;

    /// <summary>The secret values to mask in everything written.</summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.None;

    public int InlineOutputLimit { get; init; } = DefaultInlineOutputLimit;

    /// <summary>Stamps DAG versions and registry changes; run times come from the caller.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
