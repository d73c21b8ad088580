using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators.Sensors;

/// <summary>What a <c>sensor</c> carries from step to step: when it started, to enforce its timeout.</summary>
internal sealed record SensorState(DateTimeOffset StartedAt, int Checks)
{
    public static SensorState From(JsonNode? state, DateTimeOffset now) => state is JsonObject obj
        && obj["startedAt"] is JsonValue started
        && DateTimeOffset.TryParse(started.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var startedAt)
            ? new SensorState(startedAt, obj["checks"]?.GetValue<int>() ?? 0)
            : new SensorState(now, 0);

    public JsonObject ToJson() => new()
    {
        ["startedAt"] = StartedAt.ToString("O", CultureInfo.InvariantCulture),
        ["checks"] = Checks,
    };
}
