using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators.Waits;

/// <summary>
/// Who raised an event over the HTTP API, carried with the payload so an <c>approval</c> can check
/// its <c>approvers</c> and record who decided. The API wraps every event it delivers
/// (<see cref="Wrap"/>); an event raised in process without a sender reads as before.
/// </summary>
/// <param name="Name">The caller's name: the API key's name or the principal's name.</param>
/// <param name="Identities">Every name the caller is known by (for an Entra principal: name, UPN, e-mail, object id).</param>
/// <param name="Verified">False when no credentials are configured (a local server without keys): anyone may decide.</param>
public sealed record EventSender(string Name, IReadOnlyList<string> Identities, bool Verified)
{
    /// <summary>A key no payload of a user's is likely to use, so a wrapped event is never mistaken for a plain one.</summary>
    public const string EnvelopeKey = "$durableDags.event";

    public static JsonElement Wrap(JsonNode? payload, EventSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var envelope = new JsonObject
        {
            [EnvelopeKey] = new JsonObject
            {
                ["sender"] = sender.Name,
                ["identities"] = new JsonArray([.. sender.Identities.Select(i => (JsonNode?)JsonValue.Create(i))]),
                ["verified"] = sender.Verified,
            },
            ["payload"] = payload?.DeepClone(),
        };
        return JsonSerializer.SerializeToElement(envelope);
    }

    /// <summary>The payload as sent, and its sender when the API wrapped it.</summary>
    public static (JsonNode? Payload, EventSender? Sender) Unwrap(JsonNode? raw)
    {
        if (raw is not JsonObject envelope || envelope.Count != 2 || envelope[EnvelopeKey] is not JsonObject meta
            || meta["sender"] is not JsonValue name || !name.TryGetValue<string>(out var sender))
        {
            return (raw, null);
        }

        var identities = meta["identities"] is JsonArray list
            ? list.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [sender];
        var verified = meta["verified"] is not JsonValue flag || !flag.TryGetValue<bool>(out var isVerified) || isVerified;
        return (envelope["payload"], new EventSender(sender, identities, verified));
    }

    /// <summary>
    /// Whether this sender may decide for <paramref name="approvers"/>: any sender when the list is
    /// empty or nobody's identity is checked, else one of the names matches (ignoring case, as
    /// e-mail addresses and Entra names compare).
    /// </summary>
    public bool MayDecide(IReadOnlyCollection<string> approvers)
    {
        ArgumentNullException.ThrowIfNull(approvers);
        return !Verified || approvers.Count == 0
            || approvers.Any(a => Identities.Contains(a, StringComparer.OrdinalIgnoreCase) || string.Equals(a, Name, StringComparison.OrdinalIgnoreCase));
    }
}
