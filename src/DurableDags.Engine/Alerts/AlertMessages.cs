using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Alerts;
using DurableDags.Core.Secrets;
using DurableDags.Engine.Operators.Notifications;

namespace DurableDags.Engine.Alerts;

/// <summary>
/// Builds the one <see cref="NotifyMessage"/> an event sends to all its targets: what happened,
/// the failure's reason, attempts, next retry, log tail, params and the link to the run, with
/// every known secret masked.
/// </summary>
public static class AlertMessages
{
    /// <summary>Params can be large; a message shows their start.</summary>
    public const int MaxParamsText = 500;

    public const int LogLines = 20;

    public static NotifyMessage Build(AlertContext alert, Uri? publicUrl, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(redactor);
        var e = alert.Event;
        var node = e.NodeId is null ? null : e.MapIndex is { } i ? $"{e.NodeId}[{i}]" : e.NodeId;
        var parameters = redactor.RedactJson(alert.Params);
        var link = publicUrl is null ? null : RunLink(publicUrl, e.DagId, e.RunId, e.NodeId);
        var facts = ImmutableArray.CreateBuilder<NotifyFact>();
        facts.Add(new NotifyFact("DAG", e.DagId));
        facts.Add(new NotifyFact("Run", e.RunId));
        if (alert.Run.LogicalDate is { } logical)
        {
            facts.Add(new NotifyFact("Logical date", Format(logical)));
        }

        if (!e.FailedNodes.IsEmpty)
        {
            facts.Add(new NotifyFact(e.FailedNodes.Length == 1 ? "Failed node" : "Failed nodes", node ?? string.Join(", ", e.FailedNodes)));
        }
        else if (node is not null)
        {
            facts.Add(new NotifyFact("Node", node));
        }

        if (e.NextRetryAt is { } next)
        {
            facts.Add(new NotifyFact("Next retry", Format(next)));
        }

        if (e.DeadlineAt is { } deadline)
        {
            facts.Add(new NotifyFact("Deadline", Format(deadline)));
        }

        var paramsText = parameters.GetRawText();
        facts.Add(new NotifyFact("Params", paramsText.Length > MaxParamsText ? $"{paramsText[..MaxParamsText]}…" : paramsText));
        var reason = alert.Reason is null ? null : redactor.Redact(alert.Reason);
        return new NotifyMessage(redactor.Redact(TextOf(alert, node)))
        {
            Title = $"{e.DagId}: {Headline(e.Kind, node)}",
            Reason = reason,
            Attempts = alert.Attempt > 0 ? alert.Attempt : null,
            LogExcerpt = alert.LogTail is null ? null : redactor.Redact(alert.LogTail),
            Facts = facts.ToImmutable(),
            Link = link,
            Details = new JsonObject
            {
                ["kind"] = AlertKinds.KeyOf(e.Kind),
                ["key"] = e.Key,
                ["dagId"] = e.DagId,
                ["runId"] = e.RunId,
                ["logicalDate"] = alert.Run.LogicalDate is { } date ? Format(date) : null,
                ["nodeId"] = e.NodeId,
                ["mapIndex"] = e.MapIndex,
                ["failedNodes"] = new JsonArray([.. e.FailedNodes.Select(n => (JsonNode?)JsonValue.Create(n))]),
                ["reason"] = reason,
                ["attempt"] = alert.Attempt > 0 ? alert.Attempt : null,
                ["nextRetryAt"] = e.NextRetryAt is { } at ? Format(at) : null,
                ["deadlineAt"] = e.DeadlineAt is { } due ? Format(due) : null,
                ["params"] = JsonNode.Parse(paramsText),
                ["previousRunId"] = alert.PreviousRunId,
                ["url"] = link?.AbsoluteUri,
            },
        };
    }

    /// <summary>The run's page in the web UI, opened at the node when there is one.</summary>
    public static Uri RunLink(Uri publicUrl, string dagId, string runId, string? nodeId)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        var path = $"dags/{Uri.EscapeDataString(dagId)}/runs/{Uri.EscapeDataString(runId)}{(nodeId is null ? "" : $"?node={Uri.EscapeDataString(nodeId)}")}";
        var root = publicUrl.AbsoluteUri.EndsWith('/') ? publicUrl : new Uri(publicUrl.AbsoluteUri + "/");
        return new Uri(root, path);
    }

    /// <summary>The last <see cref="LogLines"/> lines of a log.</summary>
    public static string? Tail(string? log)
    {
        if (string.IsNullOrEmpty(log))
        {
            return null;
        }

        var lines = log.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - LogLines)));
    }

    private static string Headline(AlertKind kind, string? node) => kind switch
    {
        AlertKind.RunFailed => "run failed",
        AlertKind.NodeFailed => $"node {node} failed",
        AlertKind.Retry => $"node {node} will retry",
        AlertKind.Success => "run succeeded",
        AlertKind.DeadlineMissed => node is null ? "run missed its deadline" : $"node {node} missed its deadline",
        _ => "run recovered",
    };

    private static string TextOf(AlertContext alert, string? node)
    {
        var e = alert.Event;
        var run = $"run {e.RunId} of DAG {e.DagId}";
        return e.Kind switch
        {
            AlertKind.RunFailed => $"The {run} failed: {string.Join(", ", e.FailedNodes)} did not succeed.",
            AlertKind.NodeFailed => alert.Attempt > 0
                ? string.Create(CultureInfo.InvariantCulture, $"Node {node} of the {run} failed after {alert.Attempt} attempt(s).")
                : $"Node {node} of the {run} failed before it ran.",
            AlertKind.Retry => string.Create(CultureInfo.InvariantCulture,
                $"Attempt {alert.Attempt} of node {node} in the {run} failed; attempt {alert.Attempt + 1} starts at {(e.NextRetryAt is { } n ? Format(n) : "once due")}."),
            AlertKind.Success => $"The {run} succeeded.",
            AlertKind.DeadlineMissed => $"{(node is null ? $"The {run}" : $"Node {node} of the {run}")} had not ended by its deadline, {(e.DeadlineAt is { } d ? Format(d) : "")}; it goes on.",
            _ => $"The {run} succeeded after the run before it, {alert.PreviousRunId}, failed.",
        };
    }

    private static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
