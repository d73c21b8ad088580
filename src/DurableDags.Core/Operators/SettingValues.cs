using System.Globalization;
using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Expressions;

namespace DurableDags.Core.Operators;

/// <summary>Whether one JSON value fits a <see cref="SettingType"/>, and what to say when it does not.</summary>
internal static class SettingValues
{
    /// <summary>What the value should have been, or null when it fits; list items are checked one by one.</summary>
    public static string? Expected(JsonElement value, SettingType type)
    {
        var kind = value.ValueKind;
        return type switch
        {
            SettingType.String or SettingType.StringList => IsScalar(value) ? null : "a string",
            SettingType.Url => kind == JsonValueKind.String && IsUrl(value.GetString()!) ? null : "an absolute http or https URL",
            SettingType.Integer => kind == JsonValueKind.Number && value.TryGetInt64(out _) ? null : "a whole number",
            SettingType.Number => kind == JsonValueKind.Number ? null : "a number",
            SettingType.Boolean => kind is JsonValueKind.True or JsonValueKind.False ? null : "true or false",
            SettingType.Duration => kind == JsonValueKind.String && Duration.TryParse(value.GetString(), out _) ? null : Duration.Hint,
            SettingType.DateTime => kind == JsonValueKind.String && IsDateTime(value.GetString()!) ? null
                : "an ISO 8601 date-time with offset, such as 2026-01-01T06:00:00Z",
            SettingType.StringMap => "a mapping of names to strings",
            SettingType.StatusCodes => IsStatus(value) ? null : "an HTTP status code (100 to 599)",
            SettingType.Object => "a mapping",
            SettingType.Expression => "an expression such as \"${{ poll.body.done }}\"",
            SettingType.EntraScope => kind == JsonValueKind.String && EntraScope.IsValid(value.GetString()!) ? null
                : "an Entra ID scope ending in /.default, such as https://management.azure.com/.default or api://{app-id}/.default",
            _ => null,
        };
    }

    /// <summary>
    /// A string that is one <c>${{ }}</c> and nothing else keeps the expression's type. One that
    /// does not parse counts too: its syntax error is reported by the expression checks.
    /// </summary>
    public static bool IsWholeExpression(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } text && text.Contains("${{", StringComparison.Ordinal)
        && (!ExpressionTemplate.TryParse(text, out var template, out _) || template.IsWholeExpression);

    public static bool IsScalar(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static bool IsUrl(string text) => text.Contains("${{", StringComparison.Ordinal)
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    private static bool IsDateTime(string text) => text.Length > 16 && text[10] == 'T'
        && (text[^1] == 'Z' || text[^6] is '+' or '-')
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsStatus(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var code) && code is >= 100 and <= 599;
}
