using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableDags.Core.Planning;

/// <summary>
/// Writes states by their wire names (<c>upstream_failed</c>), the spelling of
/// <see cref="States.WireNames"/>, so snapshots read the same as the API and the UI.
/// </summary>
internal sealed class WireNameEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
