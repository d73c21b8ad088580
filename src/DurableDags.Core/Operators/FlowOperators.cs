using System.Text.Json;
using DurableDags.Core.Definitions;

namespace DurableDags.Core.Operators;

/// <summary>The operators that shape a run: <c>wait</c>, <c>approval</c>, <c>dag</c>, <c>notify</c>, <c>noop</c>.</summary>
internal static class FlowOperators
{
    public static OperatorSpec Wait { get; } = new("wait")
    {
        Description = "Sleeps on a durable timer, for a duration or until a moment; no compute while it waits.",
        ExactlyOneOf = [["duration", "until"]],
        Settings =
        [
            new("duration", SettingType.Duration) { Description = "How long to wait." },
            new("until", SettingType.DateTime)
            {
                Description = "When to stop waiting: an ISO 8601 date-time with offset; a moment already past ends at once.",
            },
        ],
    };

    public static OperatorSpec Approval { get; } = new("approval")
    {
        Description = "Waits for a person to approve or reject, raised as an event over HTTP.",
        Settings =
        [
            new("event", SettingType.String)
            {
                Required = true, Description = "Name of the event that approves or rejects this node.",
            },
            new("message", SettingType.String) { Description = "What the approver is asked, shown in the UI." },
            new("approvers", SettingType.StringList)
            {
                Description = "Who may decide; anyone allowed to raise events when absent.", Default = "anyone",
            },
            new("timeout", SettingType.Duration)
            {
                Description = "How long to wait for a decision; then the node fails.", Default = "the node's timeout",
            },
        ],
        Validate = ValidateApproval,
    };

    public static OperatorSpec Dag { get; } = new("dag")
    {
        Description = "Runs another registered DAG as a child run.",
        Settings =
        [
            new("dagId", SettingType.String) { Required = true, Description = "Id of the DAG to run." },
            new("params", SettingType.Json) { Description = "Params of the child run, checked against its DAG's params." },
            new("wait", SettingType.Boolean)
            {
                Default = "true",
                Description = "true: end as the child run ends, its outputs as this node's output; false: succeed once it started.",
            },
        ],
        Validate = ValidateDag,
    };

    public static OperatorSpec Notify { get; } = new("notify")
    {
        Description = "Posts a message to Slack, Microsoft Teams or a generic webhook.",
        Settings =
        [
            new("channel", SettingType.String)
            {
                Required = true, Allowed = ["slack", "teams", "webhook"], Description = "Where the message goes.",
            },
            new("url", SettingType.Url)
            {
                AllowsSecrets = true, Default = "the host's configured URL for the channel",
                Description = "The incoming-webhook URL, usually \"${{ secrets.NAME }}\".",
            },
            new("text", SettingType.String) { Required = true, Description = "The message; Markdown for slack and teams." },
            new("title", SettingType.String) { Description = "A heading above the text." },
        ],
    };

    public static OperatorSpec Noop { get; } = new("noop")
    {
        Description = "Does nothing and succeeds: a join point or a placeholder.",
    };

    private static void ValidateApproval(OperatorValidationContext context)
    {
        if (context.With.TryGetProperty("event", out var name) && name.ValueKind == JsonValueKind.String
            && name.GetString() is { } text && ReservedEvents.IsReserved(text))
        {
            context.Error("/event", $"'with.event' of node '{context.Node.Id}' is '{text}', but event names starting with '{ReservedEvents.Prefix}' are reserved for the engine; choose another name");
        }
    }

    private static void ValidateDag(OperatorValidationContext context)
    {
        if (context.With.TryGetProperty("dagId", out var id) && id.ValueKind == JsonValueKind.String
            && id.GetString() is { } text && !text.Contains("${{", StringComparison.Ordinal) && !IdForm.IsDagId(text))
        {
            context.Error("/dagId", $"'with.dagId' of node '{context.Node.Id}' is not a DAG id: '{text}'; a DAG id is {IdForm.DagIdRule}");
        }
    }
}
