using System.Globalization;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Waits;

/// <summary>
/// <c>wait</c>: sleeps on a durable timer for <c>duration</c>, or until the instant <c>until</c>
/// (ISO 8601 with an offset), then succeeds with a null output. An instant already past succeeds
/// at once. The duration counts from the step, so an attempt that runs again waits again.
/// </summary>
public sealed class WaitOperator : NodeOperator
{
    public override string Type => "wait";

    protected override Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var now = request.Time.GetUtcNow();
        var duration = settings.GetDuration("duration");
        var untilText = settings.GetString("until");
        if ((duration is null) == (untilText is null))
        {
            throw OperatorFailureException.Permanent($"{settings.Path}: a wait needs exactly one of duration or until");
        }

        var at = duration is { } d ? now + d : ParseInstant(settings, untilText!);
        if (at <= now)
        {
            request.Log.WriteLine($"{at:O} has passed; nothing to wait for");
            return Task.FromResult<OperatorResult>(new OperatorResult.Succeeded(null));
        }

        request.Log.WriteLine($"waiting until {at:O}");
        return Task.FromResult<OperatorResult>(new OperatorResult.WaitUntil(at));
    }

    private static DateTimeOffset ParseInstant(OperatorSettings settings, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw OperatorFailureException.Permanent($"{settings.PathOf("until")}: '{text}' is not an instant; write 2026-01-31T06:00:00Z");
}
