using System.Globalization;
using System.Text.Json.Nodes;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Waits;

/// <summary>
/// <c>approval</c>: waits durably for the external event <c>event</c>, at most <c>timeout</c>
/// (none: forever). The event's payload is the output; an event without a payload approves with
/// a null output. A payload <c>{ "approved": false, "reason": "…" }</c> rejects: the node fails,
/// not retryable, with the reason. A timeout fails it too, not retryable, since asking again
/// would only wait again.
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
            var timeout = settings.GetDuration("timeout");
            DateTimeOffset? deadline = timeout is { } t ? request.Time.GetUtcNow() + t : null;
            request.Log.WriteLine(deadline is { } d
                ? string.Create(CultureInfo.InvariantCulture, $"waiting for event '{eventName}' until {d:O}")
                : $"waiting for event '{eventName}'");
            var state = new JsonObject { ["event"] = eventName, ["deadline"] = deadline?.ToString("O", CultureInfo.InvariantCulture) };
            return Task.FromResult<OperatorResult>(new OperatorResult.WaitForEvent(eventName, deadline, state));
        }

        if (request.EventDeadlinePassed)
        {
            throw OperatorFailureException.Permanent(
                $"no '{eventName}' event arrived before {request.State["deadline"]?.GetValue<string>() ?? "the deadline"}");
        }

        var payload = request.EventPayload;
        if (payload is JsonObject obj && obj["approved"] is JsonValue approved && approved.TryGetValue<bool>(out var isApproved) && !isApproved)
        {
            var reason = obj["reason"] is JsonValue r && r.TryGetValue<string>(out var text) ? text : "no reason given";
            throw OperatorFailureException.Permanent($"rejected by event '{eventName}': {reason}");
        }

        request.Log.WriteLine($"approved by event '{eventName}'");
        return Task.FromResult<OperatorResult>(new OperatorResult.Succeeded(payload?.DeepClone()));
    }
}
