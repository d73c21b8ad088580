using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators.Sensors;

/// <summary>What a <c>sensor</c> carries from poke to poke: when it started, to enforce its timeout.</summary>
internal sealed record SensorState(DateTimeOffset StartedAt, int Pokes)
{
    public static SensorState From(JsonNode? state, DateTimeOffset now) => state is JsonObject obj
        ? new SensorState(obj["startedAt"]!.GetValue<DateTimeOffset>(), obj["pokes"]?.GetValue<int>() ?? 0)
        : new SensorState(now, 0);

    public JsonObject ToJson() => new()
    {
        ["startedAt"] = StartedAt,
        ["pokes"] = Pokes,
    };
}
