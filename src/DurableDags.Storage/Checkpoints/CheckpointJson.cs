using System.Text.Json;
using System.Text.Json.Serialization;
using DurableDags.Core.States;

namespace DurableDags.Storage.Checkpoints;

/// <summary>How every record is written: camelCase, nulls left out, enums by their wire names.</summary>
public static class CheckpointJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new WireNameJsonConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
