using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Expressions;

namespace DurableDags.Core.Operators;

/// <summary>
/// Checks a node's <c>with</c> against its operator's settings: unknown keys (with a suggestion),
/// missing required ones, exactly-one-of groups and value types, then the operator's own hook.
/// </summary>
public static class SettingsValidator
{
    public static IReadOnlyList<SettingIssue> Validate(OperatorSpec spec, NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(node);
        var issues = new List<SettingIssue>();
        var owner = $"node '{node.Id}'";
        if (node.With.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new(string.Empty, $"'with' of {owner} must be a mapping of settings, got {ValueText.Describe(node.With)}"));
            return issues;
        }

        CheckObject(node.With, spec.Settings, spec.ExactlyOneOf, spec.AllowsOtherSettings, string.Empty, [], $"'with' of {owner} ({spec.Name})", owner, issues);
        if (issues.Count == 0 && spec.Validate is { } hook)
        {
            hook(new OperatorValidationContext(node, (pointer, message) => issues.Add(new(pointer, message))));
        }

        return issues;
    }

    private static void CheckObject(
        JsonElement value, ImmutableArray<SettingSpec> settings, ImmutableArray<ImmutableArray<string>> exactlyOneOf,
        bool allowOthers, string pointer, IReadOnlyList<string> path, string where, string owner, List<SettingIssue> issues)
    {
        foreach (var property in value.EnumerateObject())
        {
            var childPointer = $"{pointer}/{property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
            var setting = settings.FirstOrDefault(s => s.Name == property.Name);
            if (setting is not null)
            {
                CheckValue(property.Value, setting, childPointer, [.. path, setting.Name], owner, issues);
            }
            else if (!allowOthers)
            {
                var hint = DidYouMean.Hint(property.Name, settings.Select(s => s.Name));
                issues.Add(new(childPointer, hint.Length > 0 || settings.IsEmpty
                    ? $"unknown setting '{property.Name}' in {where}{(settings.IsEmpty ? ", which takes no settings" : hint)}"
                    : $"unknown setting '{property.Name}' in {where}; expected one of: {string.Join(", ", settings.Select(s => s.Name))}", AtKey: true));
            }
        }

        foreach (var setting in settings.Where(s => s.Required && !value.TryGetProperty(s.Name, out _)))
        {
            issues.Add(new(pointer, $"{where} needs '{setting.Name}'"));
        }

        foreach (var group in exactlyOneOf)
        {
            var given = group.Where(name => value.TryGetProperty(name, out _)).ToList();
            var names = string.Join(" or ", group.Select(n => $"'{n}'"));
            if (given.Count == 0)
            {
                issues.Add(new(pointer, $"{where} needs one of {names}"));
            }
            else if (given.Count > 1)
            {
                issues.Add(new(pointer, $"{where} takes only one of {names}, got {string.Join(" and ", given.Select(n => $"'{n}'"))}"));
            }
        }
    }

    private static void CheckValue(JsonElement value, SettingSpec setting, string pointer, IReadOnlyList<string> path, string owner, List<SettingIssue> issues)
    {
        var field = $"'{string.Join('.', path)}' of {owner}";
        if (value.ValueKind == JsonValueKind.String && IsWholeExpression(value.GetString()!) && setting.Type != SettingType.Object)
        {
            return; // its value is known only when the node runs
        }

        var expected = Check(value, setting);
        if (expected is not null)
        {
            issues.Add(new(pointer, $"{field} must be {expected}, got {ValueText.Describe(value)}"));
            return;
        }

        if (setting.Type == SettingType.Object)
        {
            CheckObject(value, setting.Settings, setting.ExactlyOneOf, allowOthers: false, pointer, path, field, owner, issues);
        }
        else if (!setting.Allowed.IsEmpty && value.ValueKind == JsonValueKind.String && !setting.Allowed.Contains(value.GetString()!))
        {
            var text = value.GetString()!;
            var hint = DidYouMean.Hint(text, setting.Allowed);
            issues.Add(new(pointer, $"{field} cannot be '{text}'{(hint.Length > 0 ? hint : $"; use one of: {string.Join(", ", setting.Allowed)}")}"));
        }
    }

    /// <summary>What the value should have been, or null when it fits the setting's type.</summary>
    private static string? Check(JsonElement value, SettingSpec setting)
    {
        var kind = value.ValueKind;
        return setting.Type switch
        {
            SettingType.String when kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => null,
            SettingType.String => "a string",
            SettingType.Url => kind == JsonValueKind.String && IsUrl(value.GetString()!) ? null : "an absolute http or https URL",
            SettingType.Integer => kind == JsonValueKind.Number && value.TryGetInt64(out _) ? null : "a whole number",
            SettingType.Number => kind == JsonValueKind.Number ? null : "a number",
            SettingType.Boolean => kind is JsonValueKind.True or JsonValueKind.False ? null : "true or false",
            SettingType.Duration => kind == JsonValueKind.String && Duration.TryParse(value.GetString(), out _) ? null : Duration.Hint,
            SettingType.DateTime => kind == JsonValueKind.String && IsDateTime(value.GetString()!) ? null
                : "an ISO 8601 date-time with offset, such as 2026-01-01T06:00:00Z",
            SettingType.StringMap => kind == JsonValueKind.Object && value.EnumerateObject().All(p => IsScalar(p.Value)) ? null
                : "a mapping of names to strings",
            SettingType.StringList => kind == JsonValueKind.Array && value.EnumerateArray().All(IsScalar) ? null : "a list of strings",
            SettingType.StatusCodes => IsStatus(value) || (kind == JsonValueKind.Array && value.GetArrayLength() > 0 && value.EnumerateArray().All(IsStatus))
                ? null
                : "an HTTP status code (100 to 599) or a list of them",
            SettingType.Object => kind == JsonValueKind.Object ? null : "a mapping",
            SettingType.Expression => "an expression such as \"${{ poll.body.done }}\"",
            _ => null,
        };
    }

    /// <summary>
    /// A string that is one <c>${{ }}</c> and nothing else keeps the expression's type. One that
    /// does not parse counts too: its syntax error is reported by the expression checks.
    /// </summary>
    private static bool IsWholeExpression(string text) => text.Contains("${{", StringComparison.Ordinal)
        && (!ExpressionTemplate.TryParse(text, out var template, out _) || template.IsWholeExpression);

    private static bool IsUrl(string text) => text.Contains("${{", StringComparison.Ordinal)
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    private static bool IsDateTime(string text) => text.Contains('T', StringComparison.Ordinal)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        && (text.EndsWith('Z') || text[^6] is '+' or '-');

    private static bool IsScalar(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static bool IsStatus(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var code) && code is >= 100 and <= 599;
}
