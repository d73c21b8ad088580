namespace DurableDags.Benchmarks.Throughput;

/// <summary>What <see cref="BlobThroughput"/> measures: calls per kind and concurrency level, Azurite's flags, the client.</summary>
public sealed record ThroughputOptions
{
    public int Requests { get; init; } = 2000;

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8, 16, 32, 64];

    /// <summary>Null for <see cref="Hosting.AzuriteProcess.DefaultFlags"/>.</summary>
    public IReadOnlyList<string>? AzuriteFlags { get; init; }

    /// <summary>A connection string to measure instead of a fresh Azurite (a real account, say).</summary>
    public string? Storage { get; init; }

    /// <summary>Blobs written before measuring, to see how Azurite slows as they pile up.</summary>
    public int Preload { get; init; }

    /// <summary><c>store</c>: the client options the store uses; <c>sdk</c>: the SDK's defaults.</summary>
    public string Client { get; init; } = "store";
}
