using DurableDags.Core.Loading;

namespace DurableDags.Api.Requests;

/// <summary>Limits of the HTTP API, bound from <c>DurableDags:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "DurableDags:Api";

    /// <summary>Largest request body accepted; larger ones get 413. Default 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest DAG upload (<c>PUT /api/dags/{id}</c>); larger ones get 413. Apart from
    /// <see cref="MaxBodyBytes"/> because a DAG file is bounded while it is read (DagLimits), so
    /// the default lets through any file the loader accepts: 4 MiB, as its character limit.
    /// </summary>
    public long MaxDagBytes { get; set; } = DagLimits.MaxExpandedCharacters;

    /// <summary>Outputs up to this size are inlined in a run view; larger ones are linked.</summary>
    public int MaxInlineOutputBytes { get; set; } = 64 * 1024;
}
