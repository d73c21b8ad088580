using System.Text.Json;

namespace DurableDags.Core.Diagnostics;

/// <summary>How messages name a value that has the wrong type: "the string 'two'", "a list"…</summary>
internal static class ValueText
{
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "a mapping",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string '{value.GetString()}'",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };
}
