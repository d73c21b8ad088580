using System.Collections.Immutable;
using System.Text.Json.Nodes;
using DurableDags.Engine.Operators.Http.Auth;

namespace DurableDags.Engine.Operators.Http;

/// <summary>One HTTP request, with every expression already evaluated.</summary>
public sealed record HttpRequestSpec
{
    public required HttpMethod Method { get; init; }

    public required Uri Url { get; init; }

    /// <summary>The URL as logs and errors may show it: the template as written when it reads a secret.</summary>
    public required string UrlForLog { get; init; }

    public ImmutableArray<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A JSON object or array is sent as JSON, a string as text, null as no body.</summary>
    public JsonNode? Body { get; init; }

    public ExpectedStatus Expected { get; init; } = ExpectedStatus.AnySuccess;

    /// <summary>The token to send as <c>Authorization: Bearer</c>, when the request has <c>auth</c>.</summary>
    public RequestAuth? Auth { get; init; }

    public override string ToString() => $"{Method} {UrlForLog}";
}
