using System.Globalization;
using System.Text.Json.Nodes;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Waits;

/// <summary>
/// <c>approval</c>: waits durably for the external event <c>event</c>, at most <c>timeout</c>
/// (default the node's timeout; with neither, without limit). The event's payload is the output;
/// an event without a payload approves with a null output. A payload
/// <c>{ "approved": false, "reason": "…" }</c> rejects: the node fails, not retryable, with the
/// reason. A timeout fails it too, not retryable, since asking again would only wait again.
/// <c>message</c> and <c>approvers</c> travel in the wait's state for the UI and the server.
/// The API refuses (403) an event from a caller who is not an approver; an event that reaches the
/// node from one anyway (approvers written as an expression, or another node on the same event
/// let it through) is logged and the node goes on waiting. Who decided is recorded: in the log,
/// in a rejection's error, and as <c>decidedBy</c> in an object (or empty) payload's output.
/// </summary>
public sealed class ApprovalOperator : NodeOperator
{
    public override string Type => "approval";

    protected override Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var eventName = settings.RequireString("event");
        if (request.State is null)
        {
            var timeout = settings.GetDuration("timeout") ?? request.Node.Policy.Timeout;
            DateTimeOffset? deadline = timeout is { } t ? request.Time.GetUtcNow() + t : null;
            request.Log.WriteLine(deadline is { } d
                ? string.Create(CultureInfo.InvariantCulture, $"waiting for event '{eventName}' until {d:O}")
                : $"waiting for event '{eventName}'");
            var state = new JsonObject
            {
                ["event"] = eventName,
                ["deadline"] = deadline?.ToString("O", CultureInfo.InvariantCulture),
                ["message"] = settings.GetString("message"),
                ["approvers"] = settings.Evaluate("approvers"),
            };
            return Task.FromResult<OperatorResult>(new OperatorResult.WaitForEvent(eventName, deadline, state));
        }

        if (request.EventDeadlinePassed)
        {
            throw OperatorFailureException.Permanent(
                $"no '{eventName}' event arrived before {request.State["deadline"]?.GetValue<string>() ?? "the deadline"}");
        }

        var (payload, sender) = EventSender.Unwrap(request.EventPayload);
        var approvers = Approvers(request.State);
        if (sender is not null && !sender.MayDecide(approvers))
        {
            request.Log.WriteLine($"event '{eventName}' from '{sender.Name}' ignored: only {string.Join(", ", approvers)} may decide; still waiting");
            var deadline = request.State["deadline"] is JsonValue d && d.TryGetValue<string>(out var at)
                ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                : (DateTimeOffset?)null;
            return Task.FromResult<OperatorResult>(new OperatorResult.WaitForEvent(eventName, deadline, request.State.DeepClone()));
        }

        var by = sender is null ? $"event '{eventName}'" : $"event '{eventName}' from '{sender.Name}'";
        if (payload is JsonObject obj && obj["approved"] is JsonValue approved && approved.TryGetValue<bool>(out var isApproved) && !isApproved)
        {
            var reason = obj["reason"] is JsonValue r && r.TryGetValue<string>(out var text) ? text : "no reason given";
            throw OperatorFailureException.Permanent($"rejected by {by}: {reason}");
        }

        request.Log.WriteLine($"approved by {by}");
        var output = payload?.DeepClone();
        if (sender is not null && output is JsonObject or null)
        {
            output ??= new JsonObject();
            ((JsonObject)output)["decidedBy"] = sender.Name;
        }

        return Task.FromResult<OperatorResult>(new OperatorResult.Succeeded(output));
    }

    private static List<string> Approvers(JsonNode? state) =>
        state?["approvers"] is JsonArray list
            ? [.. list.Select(a => a is JsonValue v && v.TryGetValue<string>(out var name) ? name : null).OfType<string>()]
            : [];
}
