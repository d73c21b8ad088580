using System.Text.Json.Nodes;
using DurableDags.Engine.Tests.Operators.Testing;

namespace DurableDags.Engine.Tests.Alerts;

/// <summary>
/// What a receiver got, read back out of whichever body its channel uses (Slack blocks, a Teams
/// Adaptive Card, flat webhook JSON), so one set of assertions covers all three.
/// </summary>
internal sealed record AlertPayload(string Channel, string Title, string Text, IReadOnlyDictionary<string, string> Facts, string? Log, string? Link, string? Key)
{
    public static AlertPayload Read(ReceivedRequest request)
    {
        var body = JsonNode.Parse(request.Body)!.AsObject();
        var key = request.Header("Idempotency-Key");
        return request.Path switch
        {
            "/slack" => Slack(body, key),
            "/teams" => Teams(body, key),
            _ => Webhook(body, key),
        };
    }

    private static AlertPayload Slack(JsonObject body, string? key)
    {
        var blocks = body["blocks"]!.AsArray().Select(b => b!.AsObject()).ToList();
        var facts = blocks.Where(b => b["fields"] is not null).SelectMany(b => b["fields"]!.AsArray())
            .Select(f => f!["text"]!.GetValue<string>().Split('\n', 2))
            .ToDictionary(p => p[0].Trim('*'), p => Unescape(p[1]));
        var sections = blocks.Where(b => (string?)b["type"] == "section" && b["text"] is not null).Select(b => b["text"]!["text"]!.GetValue<string>()).ToList();
        var log = sections.FirstOrDefault(s => s.StartsWith("```", StringComparison.Ordinal));
        var link = sections.FirstOrDefault(s => s.StartsWith('<'));
        return new AlertPayload("slack", blocks[0]["text"]!["text"]!.GetValue<string>(), sections[0], facts,
            log is null ? null : Unescape(log.Trim('`')), link?[1..link.IndexOf('|', StringComparison.Ordinal)], key);
    }

    private static AlertPayload Teams(JsonObject body, string? key)
    {
        var card = body["attachments"]![0]!["content"]!;
        var blocks = card["body"]!.AsArray().Select(b => b!.AsObject()).ToList();
        var facts = blocks.Single(b => (string?)b["type"] == "FactSet")["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        var texts = blocks.Where(b => (string?)b["type"] == "TextBlock").ToList();
        return new AlertPayload("teams", texts[0]["text"]!.GetValue<string>(), texts[1]["text"]!.GetValue<string>(), facts,
            (string?)texts.FirstOrDefault(t => (string?)t["fontType"] == "Monospace")?["text"],
            (string?)card["actions"]?[0]?["url"], key);
    }

    private static AlertPayload Webhook(JsonObject body, string? key)
    {
        var alert = body["alert"]!.AsObject();
        var facts = new Dictionary<string, string>
        {
            ["DAG"] = alert["dagId"]!.GetValue<string>(),
            ["Run"] = alert["runId"]!.GetValue<string>(),
            ["Params"] = alert["params"]!.ToJsonString(),
        };
        Add(facts, "Reason", body["reason"]);
        Add(facts, "Attempts", body["attempts"]);
        Add(facts, "Logical date", alert["logicalDate"]);
        Add(facts, "Next retry", alert["nextRetryAt"]);
        Add(facts, "Deadline", alert["deadlineAt"]);
        var failed = alert["failedNodes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        if (failed.Count > 0)
        {
            facts[failed.Count == 1 ? "Failed node" : "Failed nodes"] = alert["nodeId"]?.GetValue<string>() ?? string.Join(", ", failed);
        }

        return new AlertPayload("webhook", body["title"]!.GetValue<string>(), body["text"]!.GetValue<string>(), facts,
            (string?)body["log"], (string?)body["url"], key) { Kind = (string?)alert["kind"] };
    }

    /// <summary>Only a webhook's body names the kind as data.</summary>
    public string? Kind { get; init; }

    private static void Add(Dictionary<string, string> facts, string name, JsonNode? value)
    {
        if (value is not null)
        {
            facts[name] = value.ToString();
        }
    }

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
}
