using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators.Notifications;

/// <summary>
/// What a notification says. <see cref="Reason"/>, <see cref="LogExcerpt"/> and
/// <see cref="Attempts"/> are set when the notification is an alert about a failed node; a DAG's
/// alerts add <see cref="Facts"/> (DAG, run, logical date…), a <see cref="Link"/> to the run page
/// and, for a generic webhook, the same as data in <see cref="Details"/>.
/// </summary>
public sealed record NotifyMessage(string Text)
{
    /// <summary>Slack cuts a section at 3,000 characters; the end of a log says the most.</summary>
    public const int MaxLogExcerpt = 2000;

    private readonly string? _logExcerpt;

    public string? Title { get; init; }

    public string? Reason { get; init; }

    /// <summary>The end of the attempt's log; longer text is cut to its last <see cref="MaxLogExcerpt"/> characters.</summary>
    public string? LogExcerpt
    {
        get => _logExcerpt;
        init => _logExcerpt = value is { Length: > MaxLogExcerpt } ? string.Concat("…", value.AsSpan(value.Length - MaxLogExcerpt)) : value;
    }

    public int? Attempts { get; init; }

    /// <summary>Labelled values shown after the reason and attempts (Slack fields, a Teams FactSet).</summary>
    public ImmutableArray<NotifyFact> Facts { get; init; } = [];

    /// <summary>The page to open (the run in the web UI).</summary>
    public Uri? Link { get; init; }

    /// <summary>Machine-readable facts, sent to a generic webhook as <c>alert</c>.</summary>
    public JsonObject? Details { get; init; }

    public bool IsAlert => Reason is not null || LogExcerpt is not null || Attempts is not null || !Facts.IsEmpty || Link is not null;

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

        foreach (var fact in Facts)
        {
            fields.Add(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"*{fact.Name}*\n{SlackEscape(fact.Value)}" });
        }

        // Slack takes at most 10 fields per section.
        foreach (var chunk in fields.Chunk(10))
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. chunk.Select(f => f!.DeepClone())]) });
        }

        if (LogExcerpt is not null)
        {
            blocks.Add(SlackSection($"```{SlackEscape(LogExcerpt)}```"));
        }

        if (Link is not null)
        {
            blocks.Add(SlackSection($"<{Link.AbsoluteUri}|Open the run>"));
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

        foreach (var fact in Facts)
        {
            facts.Add(new JsonObject { ["title"] = fact.Name, ["value"] = fact.Value });
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
        if (Link is not null)
        {
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the run", ["url"] = Link.AbsoluteUri });
        }

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

        if (Link is not null)
        {
            body["url"] = Link.AbsoluteUri;
        }

        if (Details is not null)
        {
            body["alert"] = Details.DeepClone();
        }

        return body;
    }

    /// <summary>The message as plain text, for an email body.</summary>
    public string ToPlainText()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(Text).AppendLine();
        if (Reason is not null)
        {
            text.Append("Reason: ").AppendLine(Reason);
        }

        if (Attempts is { } attempts)
        {
            text.Append("Attempts: ").AppendLine(attempts.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var fact in Facts)
        {
            text.Append(fact.Name).Append(": ").AppendLine(fact.Value);
        }

        if (LogExcerpt is not null)
        {
            text.AppendLine().AppendLine("Log:").AppendLine(LogExcerpt);
        }

        if (Link is not null)
        {
            text.AppendLine().AppendLine(Link.AbsoluteUri);
        }

        return text.ToString();
    }

    private static JsonObject SlackSection(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } };

    /// <summary>Slack reads &amp;, &lt; and &gt; as markup; text from failures must not be.</summary>
    private static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

/// <summary>One labelled value of a message.</summary>
public sealed record NotifyFact(string Name, string Value);
