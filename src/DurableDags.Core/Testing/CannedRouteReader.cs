using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Core.Loading;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Testing;

/// <summary>Reads <c>responses</c>: a list of routes, each naming what it answers and with what.</summary>
internal static class CannedRouteReader
{
    private static readonly string[] ReplyKeys = ["status", "body", "headers", "delay"];
    private static readonly string[] RouteKeys = ["node", "method", "url", "failures", "failure", "replies", .. ReplyKeys];

    public static ImmutableArray<CannedRoute> ReadAll(FieldReader reader, SourceNode value, FieldName field)
    {
        if (value is not SourceSequence sequence)
        {
            reader.Error(value, $"{field} must be a list of responses, each with 'url' or 'node' and what to answer, got {value.Describe()}");
            return [];
        }

        return [.. sequence.Items.Select((item, i) => Read(reader, item, $"response {i + 1} of {field}")).OfType<CannedRoute>()];
    }

    private static CannedRoute? Read(FieldReader reader, SourceNode item, string owner)
    {
        if (reader.Mapping(item, FieldName.Whole(owner)) is not { } mapping)
        {
            return null;
        }

        var route = new CannedRoute { Location = item.Location };
        foreach (var (key, value) in mapping.Entries)
        {
            var field = new FieldName(key.Value, owner);
            switch (key.Value)
            {
                case "node":
                    route = route with { Node = reader.Text(value, field) };
                    break;
                case "method":
                    route = route with { Method = reader.Text(value, field)?.ToUpperInvariant() };
                    break;
                case "url":
                    route = route with { Url = reader.Text(value, field) };
                    break;
                case "failures":
                    route = route with { Failures = Count(reader, value, field) ?? 0 };
                    break;
                case "failure":
                    route = route with { Failure = ReadReply(reader, value, field.ToString(), new CannedReply { Status = 503 }) };
                    break;
                case "replies":
                    route = route with { Replies = ReadReplies(reader, value, field) };
                    break;
                case "status" or "body" or "headers" or "delay":
                    break;
                default:
                    reader.UnknownKey(key, RouteKeys, owner);
                    break;
            }
        }

        if (mapping.Find("replies") is not null && ReplyKeys.Any(k => mapping.Find(k) is not null))
        {
            reader.Error(item, $"{owner} has both 'replies' and a single reply's keys ({string.Join(", ", ReplyKeys)}); put them in the replies");
        }
        else if (mapping.Find("replies") is null)
        {
            route = route with { Replies = [ReadReplyKeys(reader, mapping, owner, new CannedReply())] };
        }

        return route;
    }

    private static ImmutableArray<CannedReply> ReadReplies(FieldReader reader, SourceNode value, FieldName field)
    {
        if (value is not SourceSequence { Items.Count: > 0 } sequence)
        {
            reader.Error(value, $"{field} must be a non-empty list of replies (status, body, headers, delay), got {value.Describe()}");
            return [new CannedReply()];
        }

        return [.. sequence.Items.Select((item, i) => ReadReply(reader, item, $"reply {i + 1} of {field}", new CannedReply()))];
    }

    private static CannedReply ReadReply(FieldReader reader, SourceNode value, string owner, CannedReply start)
    {
        if (reader.Mapping(value, FieldName.Whole(owner)) is not { } mapping)
        {
            return start;
        }

        foreach (var (key, _) in mapping.Entries.Where(e => !ReplyKeys.Contains(e.Key.Value)))
        {
            reader.UnknownKey(key, ReplyKeys, owner);
        }

        return ReadReplyKeys(reader, mapping, owner, start);
    }

    private static CannedReply ReadReplyKeys(FieldReader reader, SourceMapping mapping, string owner, CannedReply reply)
    {
        if (mapping.Find("status") is { } status && reader.Integer(status.Value, new FieldName("status", owner)) is { } code)
        {
            if (code is < 100 or > 599)
            {
                reader.Error(status.Value, $"'status' of {owner} must be an HTTP status from 100 to 599, got {code}");
            }
            else
            {
                reply = reply with { Status = (int)code };
            }
        }

        if (mapping.Find("body") is { } body)
        {
            reply = reply with { Body = body.Value is SourceScalar { Kind: ScalarKind.Null } ? null : reader.Json(body.Value) };
        }

        if (mapping.Find("headers") is { } headers && reader.Mapping(headers.Value, new FieldName("headers", owner)) is { } map)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, text) in map.Entries)
            {
                builder[name.Value] = reader.Text(text, new FieldName(name.Value, $"'headers' of {owner}")) ?? string.Empty;
            }

            reply = reply with { Headers = builder.ToImmutable() };
        }

        if (mapping.Find("delay") is { } delay && reader.Duration(delay.Value, new FieldName("delay", owner)) is { } wait)
        {
            reply = reply with { Delay = wait };
        }

        return reply;
    }

    internal static int? Count(FieldReader reader, SourceNode value, FieldName field)
    {
        var number = reader.Integer(value, field);
        if (number is < 0 or > 10_000)
        {
            reader.Error(value, $"{field} must be a whole number from 0 to 10000, got {number}");
            return null;
        }

        return (int?)number;
    }

    internal static JsonElement? JsonOrNull(FieldReader reader, SourceNode value) =>
        value is SourceScalar { Kind: ScalarKind.Null } ? null : reader.Json(value);
}
