namespace DurableDags.Api.Requests;

/// <summary>Limits of the HTTP API, bound from <c>DurableDags:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "DurableDags:Api";

    /// <summary>Largest request body accepted; larger ones get 413. Default 1 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Outputs up to this size are inlined in a run view; larger ones are linked.</summary>
    public int MaxInlineOutputBytes { get; set; } = 64 * 1024;
}
