using System.Collections.Immutable;
using System.Net.Mail;
using System.Text.RegularExpressions;
using DurableDags.Core.Alerts;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Loading;

/// <summary>
/// Reads <c>alerts</c> of the DAG or of a node: per kind one target or a list of them, where a
/// target is a channel name (<c>slack</c>) or a mapping (<c>{ channel: webhook, secret: OPS_HOOK }</c>).
/// A node may also write <c>alerts: false</c>.
/// </summary>
internal static partial class AlertReader
{
    private static readonly IReadOnlyCollection<string> Channels = ["slack", "teams", "webhook", "email"];

    /// <param name="owner">Empty for the DAG, else <c>node 'x'</c>.</param>
    public static AlertRules Read(FieldReader reader, SourceNode value, string owner)
    {
        var node = owner.Length > 0;
        var field = new FieldName("alerts", owner);
        if (node && value is SourceScalar scalar && scalar.TryGetBoolean(out var on))
        {
            return on ? AlertRules.None : AlertRules.Off;
        }

        if (value is not SourceMapping && node)
        {
            reader.Error(value, $"{field} must be false or a mapping of {string.Join(", ", AlertKinds.NodeKeys)} to targets, got {value.Describe()}");
            return AlertRules.None;
        }

        if (reader.Mapping(value, field) is not { } mapping)
        {
            return AlertRules.None;
        }

        var keys = node ? AlertKinds.NodeKeys : AlertKinds.DagKeys;
        var where = node ? $"'alerts' of {owner}" : "'alerts'";
        var targets = ImmutableDictionary.CreateBuilder<AlertKind, ImmutableArray<AlertTarget>>();
        foreach (var (key, kindValue) in mapping.Entries)
        {
            if (!keys.Contains(key.Value) || !AlertKinds.TryParse(key.Value, out var kind))
            {
                reader.UnknownKey(key, keys, where);
                continue;
            }

            targets[kind] = ReadTargets(reader, kindValue, new FieldName(key.Value, where));
        }

        return new AlertRules { Targets = targets.ToImmutable() };
    }

    private static ImmutableArray<AlertTarget> ReadTargets(FieldReader reader, SourceNode value, FieldName field)
    {
        if (value is SourceScalar { Kind: ScalarKind.Null })
        {
            return [];
        }

        var items = value is SourceSequence sequence ? sequence.Items : [value];
        var targets = ImmutableArray.CreateBuilder<AlertTarget>(items.Count);
        foreach (var item in items)
        {
            if (ReadTarget(reader, item, field) is { } target)
            {
                targets.Add(target);
            }
        }

        return targets.ToImmutable();
    }

    private static AlertTarget? ReadTarget(FieldReader reader, SourceNode value, FieldName field)
    {
        if (value is SourceScalar)
        {
            var name = reader.Choice(value, field, Channels);
            if (name == "email")
            {
                reader.Error(value, $"{field}: an email target needs its recipients: {{ channel: email, to: [ops@example.com] }}");
                return null;
            }

            return name is null ? null : new AlertTarget(ChannelOf(name)) { Location = value.Location };
        }

        if (value is not SourceMapping mapping)
        {
            reader.Error(value, $"{field} must list targets: a channel name (slack, teams, webhook) or a mapping with 'channel', got {value.Describe()}");
            return null;
        }

        if (mapping.Find("channel") is not { } channelNode)
        {
            reader.Error(value, $"{field}: a target needs 'channel' (one of {string.Join(", ", Channels)})");
            return null;
        }

        var channelName = reader.Choice(channelNode.Value, new FieldName("channel", field.ToString()), Channels);
        if (channelName is null)
        {
            return null;
        }

        var target = new AlertTarget(ChannelOf(channelName)) { Location = value.Location };
        foreach (var (key, item) in mapping.Entries)
        {
            var itemField = new FieldName(key.Value, $"a target of {field}");
            target = key.Value switch
            {
                "channel" => target,
                "secret" when target.Channel != AlertChannel.Email => target with { Secret = SecretName(reader, item, itemField) },
                "url" when target.Channel != AlertChannel.Email => target with { Url = WebhookUrl(reader, item, itemField) },
                "to" when target.Channel == AlertChannel.Email => target with { To = Recipients(reader, item, itemField) },
                _ => Unknown(reader, key, target, field),
            };
        }

        if (target is { Secret: not null, Url: not null })
        {
            reader.Error(value, $"{field}: give a target either 'secret' or 'url', not both");
        }

        if (target is { Channel: AlertChannel.Email, To.IsEmpty: true } && mapping.Find("to") is null)
        {
            reader.Error(value, $"{field}: an email target needs 'to', one address or a list");
        }

        return target;
    }

    private static AlertTarget Unknown(FieldReader reader, SourceScalar key, AlertTarget target, FieldName field)
    {
        string[] known = target.Channel == AlertChannel.Email ? ["channel", "to"] : ["channel", "secret", "url"];
        reader.UnknownKey(key, known, $"a {target.ChannelName} target of {field}");
        return target;
    }

    private static string? SecretName(FieldReader reader, SourceNode value, FieldName field)
    {
        var name = reader.Text(value, field);
        if (name is not null && !SecretPattern().IsMatch(name))
        {
            reader.Error(value, $"{field} must name a host secret (letters, digits and _, e.g. SLACK_DATA_ALERTS), got '{name}'");
            return null;
        }

        return name;
    }

    private static string? WebhookUrl(FieldReader reader, SourceNode value, FieldName field)
    {
        var url = reader.Text(value, field);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            reader.Error(value, $"{field} must be an absolute http or https URL; to keep it out of the file, use 'secret' instead");
            return null;
        }

        return url;
    }

    private static ImmutableArray<string> Recipients(FieldReader reader, SourceNode value, FieldName field)
    {
        var items = value is SourceSequence sequence ? sequence.Items : [value];
        var to = ImmutableArray.CreateBuilder<string>(items.Count);
        foreach (var item in items)
        {
            if (reader.Text(item, field) is { } address)
            {
                if (MailAddress.TryCreate(address, out _))
                {
                    to.Add(address);
                }
                else
                {
                    reader.Error(item, $"{field}: '{address}' is not an email address");
                }
            }
        }

        if (to.Count == 0 && items.Count == 0)
        {
            reader.Error(value, $"{field} must give at least one address");
        }

        return to.ToImmutable();
    }

    private static AlertChannel ChannelOf(string name) => name switch
    {
        "slack" => AlertChannel.Slack,
        "teams" => AlertChannel.Teams,
        "webhook" => AlertChannel.Webhook,
        _ => AlertChannel.Email,
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
