using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;

namespace DurableDags.Core.Secrets;

/// <summary>
/// Replaces every occurrence of each known secret value with <see cref="Mask"/>, in plain text and
/// inside JSON (string values, property names and numbers, after unescaping, so an escaped
/// <c>\u002B</c> cannot smuggle a secret past it). Whatever persists text applies it last.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Shorter values are ignored: masking "abc" everywhere would destroy ordinary text.</summary>
    public const int MinimumLength = 4;

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(secretValues);

        // Longest first, so a secret that contains another is masked whole rather than in pieces.
        _secrets = [.. secretValues
            .Where(s => s is { Length: >= MinimumLength })
            .SelectMany(EncodedForms)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ThenBy(s => s, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The secret and the forms it takes on the way out: percent-encoded in a URL path or query
    /// (upper- and lower-case hex), form-encoded (<c>+</c> for spaces) and Base64 (standard and
    /// URL-safe, as in a Basic credential of the secret alone or a token), so a service echoing a
    /// request back, or a redirect's Location, cannot carry it into an output or record.
    /// </summary>
    private static IEnumerable<string> EncodedForms(string secret)
    {
        yield return secret;
        var escaped = Uri.EscapeDataString(secret);
        yield return escaped;
        yield return LowerHex(escaped);
        yield return WebUtility.UrlEncode(secret);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        yield return base64;
        yield return base64.TrimEnd('=');
        yield return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string LowerHex(string escaped)
    {
        var chars = escaped.ToCharArray();
        for (var i = 0; i + 2 < chars.Length; i++)
        {
            if (chars[i] == '%')
            {
                chars[i + 1] = char.ToLowerInvariant(chars[i + 1]);
                chars[i + 2] = char.ToLowerInvariant(chars[i + 2]);
            }
        }

        return new string(chars);
    }

    /// <summary>A redactor that knows no secret and changes nothing.</summary>
    public static SecretRedactor None { get; } = new([]);

    public bool IsEmpty => _secrets.Length == 0;

    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    public bool Contains(string text) =>
        _secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal));

    /// <summary>
    /// Redacts UTF-8 JSON token by token, so the result is still valid JSON. A number that holds a
    /// secret becomes the string <c>"***…"</c>: its type changes, but the secret never persists.
    /// Returns the input array itself when nothing needed masking.
    /// </summary>
    public byte[] RedactJson(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        if (IsEmpty)
        {
            return utf8Json;
        }

        var buffer = new ArrayBufferWriter<byte>(utf8Json.Length);
        var changed = false;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            while (reader.Read())
            {
                changed |= CopyToken(ref reader, writer);
            }
        }

        return changed ? buffer.WrittenSpan.ToArray() : utf8Json;
    }

    public JsonElement RedactJson(JsonElement element)
    {
        if (IsEmpty)
        {
            return element;
        }

        var raw = JsonSerializer.SerializeToUtf8Bytes(element);
        var redacted = RedactJson(raw);
        return ReferenceEquals(raw, redacted) ? element : JsonDocument.Parse(redacted).RootElement.Clone();
    }

    private bool CopyToken(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject: writer.WriteStartObject(); return false;
            case JsonTokenType.EndObject: writer.WriteEndObject(); return false;
            case JsonTokenType.StartArray: writer.WriteStartArray(); return false;
            case JsonTokenType.EndArray: writer.WriteEndArray(); return false;
            case JsonTokenType.True: writer.WriteBooleanValue(true); return false;
            case JsonTokenType.False: writer.WriteBooleanValue(false); return false;
            case JsonTokenType.Null: writer.WriteNullValue(); return false;
            case JsonTokenType.PropertyName:
            {
                var name = reader.GetString()!;
                var redacted = Redact(name);
                writer.WritePropertyName(redacted);
                return !ReferenceEquals(name, redacted);
            }

            case JsonTokenType.String:
            {
                var value = reader.GetString()!;
                var redacted = Redact(value);
                writer.WriteStringValue(redacted);
                return !ReferenceEquals(value, redacted);
            }

            case JsonTokenType.Number:
            {
                var text = Encoding.UTF8.GetString(reader.ValueSpan);
                if (Contains(text))
                {
                    writer.WriteStringValue(Redact(text));
                    return true;
                }

                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                return false;
            }

            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType} at byte {reader.TokenStartIndex}.");
        }
    }
}
