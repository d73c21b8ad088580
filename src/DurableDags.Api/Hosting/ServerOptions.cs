namespace DurableDags.Api.Hosting;

/// <summary>What <c>dags serve</c> is started with.</summary>
public sealed record ServerOptions
{
    public const string DefaultUrls = "http://127.0.0.1:7071";

    /// <summary>The folder whose DAG files are loaded at start; null loads none.</summary>
    public string? DagsFolder { get; init; } = "examples/dags";

    /// <summary>The folder store's root, used unless <see cref="StorageConnection"/> is given.</summary>
    public string StoreFolder { get; init; } = ".store";

    /// <summary>A Blob Storage connection string or account URL (identity-based).</summary>
    public string? StorageConnection { get; init; }

    /// <summary>
    /// A store to use as it is, instead of the folder store or <see cref="StorageConnection"/>: for
    /// hosts that wrap one (the bench counts the store calls of a trigger this way).
    /// </summary>
    public Storage.Objects.IObjectStore? ObjectStore { get; init; }

    /// <summary>Where to listen, separated by ';'.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Command-line style configuration (<c>--DurableDags:ApiKeys:ci:Key=…</c>) added last.</summary>
    public IReadOnlyList<string> ConfigurationArgs { get; init; } = [];

    /// <summary>Whether to serve the demo services the example DAGs call (<c>--demo</c>).</summary>
    public bool Demo { get; init; }
}
