using System.Collections.Immutable;
using DurableDags.Core.Definitions;
using DurableDags.Core.Loading.Tree;
using DurableDags.Core.States;

namespace DurableDags.Core.Loading;

/// <summary>Reads one entry of <c>nodes</c> into a <see cref="NodeDefinition"/> with the defaults merged in.</summary>
internal static class NodeReader
{
    private static readonly IReadOnlyCollection<string> Triggers = FieldReader.WireNamesOf<TriggerRule>();

    public static NodeDefinition Read(FieldReader reader, SourceEntry entry, NodePolicy defaults)
    {
        var id = entry.Key.Value;
        var owner = $"node '{id}'";
        var node = new NodeDefinition { Id = id, Type = string.Empty, Policy = defaults, Location = entry.Key.Location };
        if (reader.Mapping(entry.Value, FieldName.Whole(owner)) is not { } mapping)
        {
            return node;
        }

        var policy = defaults;
        foreach (var item in mapping.Entries)
        {
            var (key, value) = item;
            var field = new FieldName(key.Value, owner);
            switch (key.Value)
            {
                case "type":
                    node = node with { Type = reader.Text(value, field) ?? string.Empty };
                    break;
                case "description":
                    node = node with { Description = reader.Text(value, field) };
                    break;
                case "needs":
                    node = node with { Needs = ReadNeeds(reader, value, field) };
                    break;
                case "with":
                    if (reader.Mapping(value, field) is { } with)
                    {
                        node = node with { With = reader.Json(with) };
                    }

                    break;
                case "trigger":
                    if (reader.Choice(value, field, Triggers) is { } trigger && WireNames.TryParseTrigger(trigger, out var rule))
                    {
                        node = node with { Trigger = rule };
                    }

                    break;
                case "if":
                    node = node with { If = reader.Text(value, field) };
                    break;
                case "alerts":
                    node = node with { Alerts = AlertReader.Read(reader, value, owner) };
                    break;
                case "deadline":
                    node = node with { Deadline = DeadlineReader.Read(reader, value, field) };
                    break;
                case "foreach":
                    node = node with { Foreach = ReadForeach(reader, value, field) };
                    break;
                default:
                    if (!PolicyReader.TryApply(reader, ref policy, item, owner))
                    {
                        reader.UnknownKey(key, DagKeys.Node, owner);
                    }

                    break;
            }
        }

        if (mapping.Find("type") is null)
        {
            reader.Error(entry.Key, $"{owner} has no 'type'; add one, e.g. 'type: http' or 'type: noop'");
        }

        return node with { Policy = policy };
    }

    /// <summary><c>needs: a</c> or <c>needs: [a, b]</c>; items that are not ids are reported and left out.</summary>
    private static ImmutableArray<string> ReadNeeds(FieldReader reader, SourceNode value, FieldName field)
    {
        switch (value)
        {
            case SourceScalar { Kind: ScalarKind.Null }:
                return [];
            case SourceScalar scalar:
                return [scalar.Value];
            case SourceSequence { Items.Count: > DagLimits.MaxNeeds } sequence:
                reader.Error(value, $"{field} lists {sequence.Items.Count} nodes, more than the limit of {DagLimits.MaxNeeds}; add a noop node that needs a group of them and need it instead");
                return [];
            case SourceSequence sequence:
                var needs = ImmutableArray.CreateBuilder<string>(sequence.Items.Count);
                foreach (var item in sequence.Items)
                {
                    if (item is SourceScalar { Kind: not ScalarKind.Null } id)
                    {
                        needs.Add(id.Value);
                    }
                    else
                    {
                        reader.Error(item, $"{field} must list node ids, got {item.Describe()}");
                    }
                }

                return needs.ToImmutable();
            default:
                reader.Error(value, $"{field} must be a node id or a list of node ids, got {value.Describe()}");
                return [];
        }
    }

    private static string? ReadForeach(FieldReader reader, SourceNode value, FieldName field)
    {
        if (value is SourceSequence)
        {
            reader.Error(value, $"{field} must be an expression giving a list, such as \"${{{{ params.customers }}}}\"; put a fixed list in a param's default");
            return null;
        }

        return reader.Text(value, field);
    }
}
