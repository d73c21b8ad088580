using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators.Http;

/// <summary>
/// A response as a node output: <c>{ status, headers, body }</c>. Header names are lower case;
/// a JSON body is parsed, any other body is kept as text, an empty one is null.
/// </summary>
public sealed record HttpResponseOutput(int Status, JsonObject Headers, JsonNode? Body, string BodyText)
{
    /// <summary>Headers every output carries when the response has them.</summary>
    public static ImmutableArray<string> DefaultHeaders { get; } = ["content-type", "location", "etag", "retry-after"];

    private const int ExcerptLength = 500;

    /// <summary>The start of the body, for error messages and logs.</summary>
    public string BodyExcerpt => BodyText.Length <= ExcerptLength ? BodyText : string.Concat(BodyText.AsSpan(0, ExcerptLength), "…");

    public JsonObject ToJson() => new()
    {
        ["status"] = Status,
        ["headers"] = Headers.DeepClone(),
        ["body"] = Body?.DeepClone(),
    };
}
