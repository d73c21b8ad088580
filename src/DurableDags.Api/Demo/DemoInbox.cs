using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace DurableDags.Api.Demo;

/// <summary>
/// Where the examples' notifications and mails land instead of Slack, Teams or a mailer: the
/// last <see cref="Capacity"/> messages, newest first, shown at <c>GET /demo/inbox</c>.
/// </summary>
public sealed class DemoInbox(TimeProvider time)
{
    public const int Capacity = 100;

    private readonly ConcurrentQueue<JsonObject> _messages = new();

    public void Add(string channel, JsonNode? body)
    {
        _messages.Enqueue(new JsonObject
        {
            ["channel"] = channel,
            ["at"] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["body"] = body?.DeepClone(),
        });
        while (_messages.Count > Capacity && _messages.TryDequeue(out _))
        {
        }
    }

    public JsonArray Newest() => [.. _messages.Reverse().Select(m => (JsonNode)m.DeepClone())];
}
