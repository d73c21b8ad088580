using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableDags.Core.States;

/// <summary>
/// Writes every enum by its <see cref="WireNames"/> spelling (<c>upstream_failed</c>) and reads only
/// that spelling back, so JSON on disk, over HTTP and in DAG files agree.
/// </summary>
public sealed class WireNameJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(EnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class EnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<string, TEnum> Values =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => WireNames.Of(v), v => v, StringComparer.Ordinal);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (text is not null && Values.TryGetValue(text, out var value))
            {
                return value;
            }

            throw new JsonException(
                $"'{text ?? reader.TokenType.ToString()}' is not a {typeof(TEnum).Name}; expected one of: {string.Join(", ", Values.Keys.Order(StringComparer.Ordinal))}.");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(WireNames.Of(value));
    }
}
