using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;

namespace DurableDags.Core.Validation;

/// <summary>
/// Checks params: names, defaults against their type (unless the default is an expression,
/// known only when a run starts), and <c>enum</c> values.
/// </summary>
internal static class ParamChecks
{
    public static void Check(DagDefinition dag, ValidationReport report)
    {
        foreach (var param in dag.Params)
        {
            var pointer = SourceMap.Pointer("params", param.Name);
            var type = States.WireNames.Of(param.Type);
            if (!IdForm.IsNodeId(param.Name))
            {
                report.AtKey(pointer, $"param name '{param.Name}' must be {IdForm.NodeIdRule}, so expressions can read it as params.NAME");
            }

            for (var i = 0; i < param.Enum.Length; i++)
            {
                if (!Fits(param.Enum[i], param.Type))
                {
                    report.At($"{pointer}/enum/{i}", $"'enum' of param '{param.Name}' lists {ValueText.Describe(param.Enum[i])}, which is not of its type {type}");
                }
            }

            if (param.Default is not { } value || IsExpression(value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (param.Type == ParamType.Integer && value.ValueKind == JsonValueKind.Number && !IsInteger(value)
                && value.TryGetDouble(out var number) && number == Math.Floor(number))
            {
                report.At($"{pointer}/default", $"the default of param '{param.Name}' is {ValueText.Describe(value)}, outside the integer range ({long.MinValue} to {long.MaxValue}); use a number or string param for larger values");
            }
            else if (!Fits(value, param.Type))
            {
                report.At($"{pointer}/default", $"the default of param '{param.Name}' must be {Expected(param.Type)}, got {ValueText.Describe(value)}");
            }
            else if (!param.Enum.IsEmpty && !param.Enum.Any(allowed => JsonElement.DeepEquals(allowed, value)))
            {
                report.At($"{pointer}/default", $"the default of param '{param.Name}' is {ValueText.Describe(value)}, which its 'enum' does not list");
            }
        }
    }

    public static bool Fits(JsonElement value, ParamType type) => type switch
    {
        ParamType.String => value.ValueKind == JsonValueKind.String,
        ParamType.Number => value.ValueKind == JsonValueKind.Number,
        ParamType.Integer => IsInteger(value),
        ParamType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        ParamType.Object => value.ValueKind == JsonValueKind.Object,
        ParamType.Array => value.ValueKind == JsonValueKind.Array,
        _ => false,
    };

    /// <summary>
    /// A whole number within 64 bits (<c>2.0</c> counts). Larger ones are refused: they would be
    /// stored and read back as floats (<c>99999999999999999999999</c> as <c>1e+23</c>).
    /// </summary>
    public static bool IsInteger(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number
        && (value.TryGetInt64(out _) || (value.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue));

    private static bool IsExpression(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.Contains("${{", StringComparison.Ordinal);

    private static string Expected(ParamType type) => type switch
    {
        ParamType.String => "a string",
        ParamType.Number => "a number",
        ParamType.Integer => "a whole number",
        ParamType.Boolean => "true or false",
        ParamType.Object => "a mapping",
        _ => "a list",
    };
}
