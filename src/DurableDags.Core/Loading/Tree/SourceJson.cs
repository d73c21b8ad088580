using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Loading.Tree;

/// <summary>
/// Turns a subtree into a <see cref="JsonElement"/> (operator settings, param defaults), reporting
/// values JSON cannot hold (<c>.inf</c>, <c>.nan</c>) rather than changing them.
/// </summary>
internal static partial class SourceJson
{
    public static JsonElement ToJson(SourceNode node, DiagnosticBag diagnostics)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, diagnostics);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static void Write(Utf8JsonWriter writer, SourceNode node, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case SourceMapping mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Entries)
                {
                    writer.WritePropertyName(entry.Key.Value);
                    Write(writer, entry.Value, diagnostics);
                }

                writer.WriteEndObject();
                break;
            case SourceSequence sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                {
                    Write(writer, item, diagnostics);
                }

                writer.WriteEndArray();
                break;
            case SourceScalar scalar:
                WriteScalar(writer, scalar, diagnostics);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, SourceScalar scalar, DiagnosticBag diagnostics)
    {
        switch (scalar.Kind)
        {
            case ScalarKind.Null:
                writer.WriteNullValue();
                break;
            case ScalarKind.Boolean:
                writer.WriteBooleanValue(scalar.TryGetBoolean(out var b) && b);
                break;
            case ScalarKind.Integer when scalar.TryGetInteger(out var integer):
                writer.WriteNumberValue(integer);
                break;
            case ScalarKind.Integer or ScalarKind.Float when scalar.TryGetNumber(out var number):
                WriteNumber(writer, scalar.Value, number);
                break;
            case ScalarKind.Integer or ScalarKind.Float:
                diagnostics.Add(scalar.Location, $"the number {scalar.Value} cannot be represented in JSON; quote it to pass it as a string");
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }

    /// <summary>Keeps the digits as written (1.10 stays 1.10) when they already are a JSON number.</summary>
    private static void WriteNumber(Utf8JsonWriter writer, string text, double number)
    {
        if (JsonNumber().IsMatch(text))
        {
            writer.WriteRawValue(text, skipInputValidation: true);
        }
        else
        {
            writer.WriteNumberValue(number);
        }
    }

    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
