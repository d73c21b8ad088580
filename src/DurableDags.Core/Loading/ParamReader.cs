using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.Loading.Tree;
using DurableDags.Core.States;

namespace DurableDags.Core.Loading;

/// <summary>Reads <c>params</c>: each a mapping of <c>type</c>, <c>default</c>, <c>description</c>, <c>enum</c>.</summary>
internal static class ParamReader
{
    private static readonly Dictionary<string, ParamType> Types =
        Enum.GetValues<ParamType>().ToDictionary(t => WireNames.Of(t), StringComparer.Ordinal);

    public static ImmutableArray<ParamDefinition> Read(FieldReader reader, SourceMapping mapping)
    {
        var result = ImmutableArray.CreateBuilder<ParamDefinition>(mapping.Entries.Count);
        foreach (var entry in mapping.Entries)
        {
            if (ReadOne(reader, entry) is { } param)
            {
                result.Add(param);
            }
        }

        return result.ToImmutable();
    }

    private static ParamDefinition? ReadOne(FieldReader reader, SourceEntry entry)
    {
        var name = entry.Key.Value;
        var owner = $"param '{name}'";
        if (reader.Mapping(entry.Value, FieldName.Whole(owner)) is not { } mapping)
        {
            return null;
        }

        ParamType? type = null;
        JsonElement? defaultValue = null;
        string? description = null;
        var allowed = ImmutableArray<JsonElement>.Empty;
        foreach (var (key, value) in mapping.Entries)
        {
            var field = new FieldName(key.Value, owner);
            switch (key.Value)
            {
                case "type":
                    if (reader.Choice(value, field, Types.Keys) is { } typeName)
                    {
                        type = Types[typeName];
                    }

                    break;
                case "default":
                    defaultValue = reader.Json(value);
                    break;
                case "description":
                    description = reader.Text(value, field);
                    break;
                case "enum":
                    if (value is SourceSequence { Items.Count: > 0 } list)
                    {
                        allowed = [.. list.Items.Select(reader.Json)];
                    }
                    else
                    {
                        reader.Error(value, $"{field} must be a list of the allowed values, got {(value is SourceSequence ? "an empty list" : value.Describe())}");
                    }

                    break;
                default:
                    reader.UnknownKey(key, DagKeys.Param, owner);
                    break;
            }
        }

        if (type is null)
        {
            if (mapping.Find("type") is null)
            {
                reader.Error(entry.Key, $"{owner} has no 'type'; add one of: {string.Join(", ", Types.Keys)}");
            }

            // Without a known type the default and enum cannot be checked; checking them as strings
            // would only add errors that vanish once the type is fixed.
            defaultValue = null;
            allowed = [];
        }

        return new ParamDefinition
        {
            Name = name,
            Type = type ?? ParamType.String,
            Default = defaultValue,
            Description = description,
            Enum = allowed,
            Location = entry.Key.Location,
        };
    }
}
