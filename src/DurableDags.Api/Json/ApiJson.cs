using System.Text.Encodings.Web;
using System.Text.Json;

namespace DurableDags.Api.Json;

/// <summary>
/// The one serializer setting of the API: camelCase, nulls written (clients rely on every field of
/// docs/http-api.md being present), and not bound to a host's own JSON options, so the local server
/// and the Functions app write byte-for-byte the same bodies.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Logs and DAG text are shown in browsers; the relaxed encoder still escapes what HTML needs.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 64,
        Converters = { new UtcDateTimeOffsetConverter() },
    };
}
