using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators.Http;

/// <summary>
/// A response as a node output: <c>{ status, headers, body }</c>. Header names are lower case;
/// a JSON body is parsed, any other body is kept as text, an empty one is null.
/// </summary>
public sealed record HttpResponseOutput(int Status, JsonObject Headers, JsonNode? Body, string BodyText)
{
    /// <summary>
    /// The response headers an output carries, when present: those a later node or condition
    /// reads (where a job lives, versions, throttling, paging). Others, such as cookies, are left out.
    /// </summary>
    public static ImmutableArray<string> SelectedHeaders { get; } = ["content-type", "location", "etag", "last-modified", "retry-after", "link"];

    private const int ExcerptLength = 500;

    /// <summary>The start of the body, for error messages and logs.</summary>
    public string BodyExcerpt => Excerpt(BodyText);

    /// <summary>The first 500 characters of a text, marked when cut.</summary>
    public static string Excerpt(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength), "…");
    }

    public JsonObject ToJson() => new()
    {
        ["status"] = Status,
        ["headers"] = Headers.DeepClone(),
        ["body"] = Body?.DeepClone(),
    };
}
