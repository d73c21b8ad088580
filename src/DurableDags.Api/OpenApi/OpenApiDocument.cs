using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.OpenApi;

/// <summary>
/// The OpenAPI document, maintained by hand as <c>OpenApi/openapi.json</c> and embedded in the
/// assembly. Hand-kept because it carries the schemas and prose of docs/http-api.md, which the
/// route table does not know; a test holds it to the route table both ways.
/// </summary>
public static class OpenApiDocument
{
    private const string ResourceName = "DurableDags.Api.openapi.json";

    private static readonly Lazy<byte[]> Bytes = new(Load);

    public static ReadOnlyMemory<byte> Utf8 => Bytes.Value;

    public static JsonNode Parse() => JsonNode.Parse(Bytes.Value) ?? throw new InvalidOperationException("The OpenAPI document is empty.");

    public static IResult Serve() => Results.Bytes(Bytes.Value, "application/json; charset=utf-8");

    private static byte[] Load()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
