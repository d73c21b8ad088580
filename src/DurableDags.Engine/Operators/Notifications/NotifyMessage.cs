using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators.Notifications;

/// <summary>
/// What a notification says. <see cref="Reason"/>, <see cref="LogExcerpt"/> and
/// <see cref="Attempts"/> are set when the notification is an alert about a failed node.
/// </summary>
public sealed record NotifyMessage(string Text)
{
    public string? Title { get; init; }

    public string? Reason { get; init; }

    public string? LogExcerpt { get; init; }

    public int? Attempts { get; init; }

    public bool IsAlert => Reason is not null || LogExcerpt is not null || Attempts is not null;

    /// <summary>A Slack incoming-webhook body; <c>text</c> stays the fallback for notifications.</summary>
    public JsonObject ToSlack()
    {
        var body = new JsonObject { ["text"] = Title is null ? Text : $"{Title}: {Text}" };
        if (!IsAlert && Title is null)
        {
            return body;
        }

        var blocks = new JsonArray();
        if (Title is not null)
        {
            blocks.Add(new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Title } });
        }

        blocks.Add(SlackSection(Text));
        var fields = new JsonArray();
        if (Reason is not null)
        {
            fields.Add(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*Reason*\n{SlackEscape(Reason)}" });
        }

        if (Attempts is { } attempts)
        {
            fields.Add(new JsonObject { ["type"] = "mrkdwn", ["text"] = string.Create(CultureInfo.InvariantCulture, $"*Attempts*\n{attempts}") });
        }

        if (fields.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        if (LogExcerpt is not null)
        {
            blocks.Add(SlackSection($"```{SlackEscape(LogExcerpt)}```"));
        }

        body["blocks"] = blocks;
        return body;
    }

    /// <summary>A Teams workflow-webhook body: a message carrying one Adaptive Card.</summary>
    public JsonObject ToTeams()
    {
        var cardBody = new JsonArray();
        if (Title is not null)
        {
            cardBody.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true });
        }

        cardBody.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = Text, ["wrap"] = true });
        var facts = new JsonArray();
        if (Reason is not null)
        {
            facts.Add(new JsonObject { ["title"] = "Reason", ["value"] = Reason });
        }

        if (Attempts is { } attempts)
        {
            facts.Add(new JsonObject { ["title"] = "Attempts", ["value"] = attempts.ToString(CultureInfo.InvariantCulture) });
        }

        if (facts.Count > 0)
        {
            cardBody.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        if (LogExcerpt is not null)
        {
            cardBody.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = LogExcerpt, ["fontType"] = "Monospace", ["wrap"] = true });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = cardBody,
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card }),
        };
    }

    /// <summary>The default body of a generic webhook when the node gives none.</summary>
    public JsonObject ToWebhook()
    {
        var body = new JsonObject { ["text"] = Text };
        if (Title is not null)
        {
            body["title"] = Title;
        }

        if (Reason is not null)
        {
            body["reason"] = Reason;
        }

        if (Attempts is { } attempts)
        {
            body["attempts"] = attempts;
        }

        if (LogExcerpt is not null)
        {
            body["log"] = LogExcerpt;
        }

        return body;
    }

    private static JsonObject SlackSection(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } };

    /// <summary>Slack reads &amp;, &lt; and &gt; as markup; text from failures must not be.</summary>
    private static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
