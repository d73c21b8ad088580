using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;

namespace DurableDags.Core.Operators;

/// <summary>
/// Checks a node's <c>with</c> against its operator's settings: unknown keys (with a suggestion),
/// missing required ones, exactly-one-of groups and value types, then the operator's own hook.
/// Messages and pointers are built only for errors, as a large DAG has many settings and few errors.
/// </summary>
public sealed class SettingsValidator
{
    private readonly NodeDefinition _node;
    private readonly OperatorSpec _spec;
    private readonly List<SettingIssue> _issues = [];

    private SettingsValidator(OperatorSpec spec, NodeDefinition node)
    {
        _spec = spec;
        _node = node;
    }

    public static IReadOnlyList<SettingIssue> Validate(OperatorSpec spec, NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(node);
        var check = new SettingsValidator(spec, node);
        if (node.With.ValueKind != JsonValueKind.Object)
        {
            check.Add(string.Empty, $"'with' of node '{node.Id}' must be a mapping of settings, got {ValueText.Describe(node.With)}");
            return check._issues;
        }

        check.CheckObject(node.With, spec.Settings, spec.ExactlyOneOf, spec.AllowsOtherSettings, string.Empty, null);
        if (check._issues.Count == 0 && spec.Validate is { } hook)
        {
            hook(new OperatorValidationContext(node, (pointer, message) => check.Add(pointer, message)));
        }

        return check._issues;
    }

    /// <param name="path">Dotted path of the object inside <c>with</c>; null for <c>with</c> itself.</param>
    private void CheckObject(
        JsonElement value, ImmutableArray<SettingSpec> settings, ImmutableArray<ImmutableArray<string>> exactlyOneOf,
        bool allowOthers, string pointer, string? path)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (Find(settings, property.Name) is { } setting)
            {
                CheckValue(property.Value, setting, pointer, path);
            }
            else if (!allowOthers)
            {
                var names = settings.Select(s => s.Name);
                var hint = settings.IsEmpty ? ", which takes no settings" : DidYouMean.Hint(property.Name, names);
                _issues.Add(new(pointer + SourceMap.Pointer(property.Name),
                    $"unknown setting '{property.Name}' in {Where(path)}{(hint.Length > 0 ? hint : $"; expected one of: {string.Join(", ", names)}")}",
                    AtKey: true));
            }
        }

        foreach (var setting in settings)
        {
            if (setting.Required && !value.TryGetProperty(setting.Name, out _))
            {
                Add(pointer, $"{Where(path)} needs '{setting.Name}'");
            }
        }

        foreach (var group in exactlyOneOf)
        {
            var given = group.Where(name => value.TryGetProperty(name, out _)).Select(n => $"'{n}'").ToList();
            if (given.Count != 1)
            {
                var names = string.Join(" or ", group.Select(n => $"'{n}'"));
                Add(pointer, given.Count == 0
                    ? $"{Where(path)} needs one of {names}"
                    : $"{Where(path)} takes only one of {names}, got {string.Join(" and ", given)}");
            }
        }
    }

    private void CheckValue(JsonElement value, SettingSpec setting, string parentPointer, string? parentPath)
    {
        // Built on demand: most values are fine and need neither.
        string Pointer() => parentPointer + SourceMap.Pointer(setting.Name);
        string Path() => parentPath is null ? setting.Name : $"{parentPath}.{setting.Name}";
        switch (setting.Type)
        {
            case not SettingType.Object when SettingValues.Expected(value, setting.Type) is not null && SettingValues.IsWholeExpression(value):
                return; // its value is known only when the node runs
            case SettingType.Object when value.ValueKind == JsonValueKind.Object:
                CheckObject(value, setting.Settings, setting.ExactlyOneOf, allowOthers: false, Pointer(), Path());
                return;
            case SettingType.StringMap when value.ValueKind == JsonValueKind.Object:
                foreach (var entry in value.EnumerateObject().Where(e => !SettingValues.IsScalar(e.Value)))
                {
                    Add(Pointer() + SourceMap.Pointer(entry.Name), $"'{entry.Name}' in {Field(Path())} must be a string, got {ValueText.Describe(entry.Value)}");
                }

                return;
            case SettingType.StringList or SettingType.StatusCodes when value.ValueKind == JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (SettingValues.Expected(item, setting.Type) is not null)
                    {
                        var items = setting.Type == SettingType.StringList ? "strings" : "HTTP status codes (100 to 599)";
                        Add($"{Pointer()}/{index}", $"{Field(Path())} must list only {items}, got {ValueText.Describe(item)}");
                    }

                    index++;
                }

                return;
            case SettingType.StringList:
                Add(Pointer(), $"{Field(Path())} must be a list of strings, got {ValueText.Describe(value)}");
                return;
        }

        if (SettingValues.Expected(value, setting.Type) is { } expected)
        {
            Add(Pointer(), $"{Field(Path())} must be {expected}, got {ValueText.Describe(value)}");
        }
        else if (!setting.Allowed.IsEmpty && value.ValueKind == JsonValueKind.String && !setting.Allowed.Contains(value.GetString()!))
        {
            var text = value.GetString()!;
            var hint = DidYouMean.Hint(text, setting.Allowed);
            Add(Pointer(), $"{Field(Path())} cannot be '{text}'{(hint.Length > 0 ? hint : $"; use one of: {string.Join(", ", setting.Allowed)}")}");
        }
    }

    private static SettingSpec? Find(ImmutableArray<SettingSpec> settings, string name)
    {
        foreach (var setting in settings)
        {
            if (string.Equals(setting.Name, name, StringComparison.Ordinal))
            {
                return setting;
            }
        }

        return null;
    }

    private string Field(string path) => $"'with.{path}' of node '{_node.Id}'";

    private string Where(string? path) => path is null ? $"'with' of node '{_node.Id}' ({_spec.Name})" : Field(path);

    private void Add(string pointer, string message) => _issues.Add(new(pointer, message));
}
