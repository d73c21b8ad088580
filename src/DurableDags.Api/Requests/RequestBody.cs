using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Requests;

/// <summary>
/// Reads request bodies within the size limit. The limit is enforced while reading, not only from
/// <c>Content-Length</c>, so a chunked body cannot get past it.
/// </summary>
public static class RequestBody
{
    /// <summary>
    /// How deep a JSON body may nest: its values are stored and shown inside other JSON documents,
    /// which JSON readers and writers limit to 64 levels, so a body keeps half of that.
    /// </summary>
    public const int MaxJsonDepth = 32;

    // A repeated key is refused: which of the two would count is a guess the caller should not leave to us.
    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = MaxJsonDepth, AllowDuplicateProperties = false };

    /// <exception cref="ApiProblemException">413 when the body is larger than <paramref name="limit"/>.</exception>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            throw new ApiProblemException(ApiProblem.TooLarge(limit));
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                throw new ApiProblemException(ApiProblem.TooLarge(limit));
            }
        }
    }

    /// <exception cref="ApiProblemException">413 when too large; 400 when the body is not UTF-8.</exception>
    public static async Task<string> ReadTextAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(request, limit, cancellationToken).ConfigureAwait(false);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException e)
        {
            throw new ApiProblemException(ApiProblem.InvalidRequest("The request body is not UTF-8 text", [ProblemError.At("body", e.Message)]));
        }
    }

    /// <summary>The body as a JSON object; an empty body is an empty object.</summary>
    /// <exception cref="ApiProblemException">413 when too large; 400 when not a JSON object, naming line and column.</exception>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var node = await ReadJsonAsync(request, limit, cancellationToken).ConfigureAwait(false);
        return node switch
        {
            null => [],
            JsonObject obj => obj,
            _ => throw new ApiProblemException(ApiProblem.InvalidRequest(
                "The request body must be a JSON object", [ProblemError.At("body", $"expected an object, got {node.GetValueKind().ToString().ToLowerInvariant()}")])),
        };
    }

    /// <summary>Any JSON value; null for an empty body.</summary>
    public static async Task<JsonNode?> ReadJsonAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes, documentOptions: BodyOptions);
        }
        catch (JsonException e)
        {
            var message = $"the body is not valid JSON: {Reason(e)}";
            var error = e.LineNumber is { } line
                ? new ProblemError { Line = (int)line + 1, Column = (int)(e.BytePositionInLine ?? 0) + 1, Message = message }
                : ProblemError.At("body", message);
            throw new ApiProblemException(ApiProblem.InvalidRequest("The request body is not valid JSON", [error]));
        }
    }

    /// <summary>The parser's sentence without its "Path: … | LineNumber: …" tail, which the error's line and column already give.</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var tail = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (tail > 0 ? message[..tail] : message).TrimEnd('.', ' ');
    }
}
